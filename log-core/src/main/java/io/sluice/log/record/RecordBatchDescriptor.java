package io.sluice.log.record;

/**
 * Byte layout of a record batch, magic 2: the on-disk and on-the-wire unit of the log.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Base Offset (int64)                     |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          Batch Length (int32): bytes after this field         |  8
 *  +---------------------------------------------------------------+
 *  |                Partition Leader Epoch (int32)                 | 12
 *  +---------------+-----------------------------------------------+
 *  |  Magic (int8) |          CRC-32C (uint32) ...                 | 16
 *  +---------------+---------------+-------------------------------+
 *  |  ... CRC      | Attributes (int16)            | Last Offset   | 20
 *  +---------------+-------------------------------+   Delta ...   |
 *  |  ... (int32)                  |  Base Timestamp (int64) ...   | 24
 *  +-------------------------------+-------------------------------+
 *  |  ... Base Timestamp           |  Max Timestamp (int64) ...    | 32
 *  +-------------------------------+-------------------------------+
 *  |  ... Max Timestamp            |  Producer Id (int64) ...      | 40
 *  +-------------------------------+-------------------------------+
 *  |  ... Producer Id              | Producer Epoch| Base Sequence | 48
 *  |                               |   (int16)     |   (int32) ... |
 *  +-------------------------------+---------------+---------------+
 *  |  ... Base Sequence            |  Records Count (int32) ...    | 56
 *  +-------------------------------+-------------------------------+
 *  |  ... |  Records (varint-framed, possibly compressed) ...      | 60
 *  +------+--------------------------------------------------------+
 * </pre>
 *
 * <p>The CRC-32C covers every byte from {@link #ATTRIBUTES_OFFSET} to the end of the batch, so the base
 * offset and partition leader epoch (which the broker stamps on append) can change without recomputing it.
 *
 * <p>Attributes: bits 0–2 compression codec, bit 3 timestamp type (1 = LogAppendTime), bit 4 transactional,
 * bit 5 control batch, bit 6 delete horizon present (the base timestamp then holds the delete horizon).
 */
public final class RecordBatchDescriptor {
    public static final byte MAGIC_V2 = 2;

    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int LENGTH_OFFSET = 8;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int CRC_OFFSET = 17;
    public static final int ATTRIBUTES_OFFSET = 21;
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    public static final int BASE_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_ID_OFFSET = 43;
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    public static final int BASE_SEQUENCE_OFFSET = 53;
    public static final int RECORDS_COUNT_OFFSET = 57;
    public static final int RECORDS_OFFSET = 61;

    /** Size of the batch header, and of the smallest valid batch (zero records). */
    public static final int HEADER_SIZE = RECORDS_OFFSET;
    /** Bytes before the length field's payload: base offset and the length itself. */
    public static final int LOG_OVERHEAD = LENGTH_OFFSET + 4;
    /** The partition leader epoch of a batch no leader has stamped. */
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final long NO_TIMESTAMP = -1L;

    public static final int COMPRESSION_CODEC_MASK = 0x07;
    public static final int TIMESTAMP_TYPE_MASK = 0x08;
    public static final int TRANSACTIONAL_FLAG_MASK = 0x10;
    public static final int CONTROL_FLAG_MASK = 0x20;
    public static final int DELETE_HORIZON_FLAG_MASK = 0x40;

    private RecordBatchDescriptor() {
    }
}
