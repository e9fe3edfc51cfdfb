package io.sluice.examples.clickstream;

/**
 * A snapshot of how far a {@link ClickstreamPipeline} run got, stage by stage (records in and out).
 *
 * @param usersGenerated users datagen wrote to the users topic
 * @param clicksGenerated clicks datagen wrote to the clicks topic
 * @param clicksIn clicks the Streams app read
 * @param botsDropped clicks the app dropped as crawler traffic
 * @param enriched human clicks joined with their user's region
 * @param unknownUsers enriched clicks whose user was not in the table (region {@code unknown})
 * @param windowsEmitted closed (region, minute) windows the app sent to the output topic
 * @param linesWritten lines the file sink wrote to the output file
 */
public record ClickstreamProgress(long usersGenerated, long clicksGenerated, long clicksIn, long botsDropped,
                                  long enriched, long unknownUsers, long windowsEmitted, long linesWritten) {
    /** Before anything started. */
    public static final ClickstreamProgress NONE = new ClickstreamProgress(0, 0, 0, 0, 0, 0, 0, 0);
}
