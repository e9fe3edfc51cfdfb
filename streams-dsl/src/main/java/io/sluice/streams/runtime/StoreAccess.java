package io.sluice.streams.runtime;

import io.sluice.streams.KeyValue;
import io.sluice.streams.state.KeyValueIterator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps interactive queries off the stores while stream threads use them. The store layers (caches above all:
 * a cache read may insert, a put may evict and flush) are single-threaded, owned by their task's thread, so a
 * query runs only while no stream thread works on tasks: stream threads hold the shared side of one fair
 * read-write lock while they process, punctuate, commit or create and close tasks ({@link #processing}), and
 * each query call holds the exclusive side ({@link #queryView}). Threads never touch each other's stores, so
 * they share the lock among themselves; fairness keeps a waiting query from being starved by them.
 *
 * <p>A query's iterator is read to the end inside its call and handed out as a list (a cache iterator is not
 * valid across the owner's writes): range scans cost memory in proportion to their result.
 *
 * <p>Threading: thread-safe; one instance per app, shared by its threads and query callers.
 */
public final class StoreAccess {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    /** Runs a stream thread's work on its tasks; any number of stream threads at once, no query meanwhile. */
    public void processing(Runnable work) {
        Lock shared = lock.readLock();
        shared.lock();
        try {
            work.run();
        } finally {
            shared.unlock();
        }
    }

    /**
     * Runs {@code work} with no stream thread working and no query: how the global stream thread writes the global
     * stores, which every stream thread reads.
     */
    public void exclusive(Runnable work) {
        Lock exclusive = lock.writeLock();
        exclusive.lock();
        try {
            work.run();
        } finally {
            exclusive.unlock();
        }
    }

    /**
     * {@code view} behind the exclusive lock: every call of one of its interfaces' methods runs with no stream
     * thread working, and iterators it returns are read out within that call.
     *
     * @param <T> a public interface {@code view} implements (the read-only store type)
     */
    public <T> T queryView(T view) {
        return guarded(view, lock.writeLock());
    }

    /**
     * {@code store} with every call serialized on a lock of its own, iterators read out within the call: how stream
     * threads see a global store, which all of them read at once while its layers (a cache read may insert and
     * evict) are single-threaded. The global thread's writes need no part of it: they run {@link #exclusive}ly.
     *
     * @param <T> the store's type; the view implements every interface of {@code store}
     */
    public static <T> T serialized(T store) {
        return guarded(store, new ReentrantLock());
    }

    @SuppressWarnings("unchecked") // the proxy implements every interface of view, T among them
    private static <T> T guarded(T view, Lock guard) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> type = view.getClass(); type != null; type = type.getSuperclass()) {
            interfaces.addAll(List.of(type.getInterfaces()));
        }
        return (T) Proxy.newProxyInstance(view.getClass().getClassLoader(), interfaces.toArray(Class<?>[]::new),
            (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return invoke(view, method, args);
                }
                guard.lock();
                try {
                    Object result = invoke(view, method, args);
                    return result instanceof KeyValueIterator<?, ?> iterator
                        ? readOut(iterator, method.getReturnType()) : result;
                } finally {
                    guard.unlock();
                }
            });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause(); // the store's own exception, e.g. InvalidStateStoreException
        }
    }

    /** The iterator's entries as an iterator of the declared type (e.g. {@code WindowStoreIterator}). */
    private static Object readOut(KeyValueIterator<?, ?> iterator, Class<?> declaredType) {
        List<KeyValue<Object, Object>> entries = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entry -> entries.add(KeyValue.pair(entry.key, entry.value)));
        }
        ListIterator<Object, Object> copy = new ListIterator<>(entries);
        if (declaredType == KeyValueIterator.class || !declaredType.isInterface()) {
            return copy;
        }
        return Proxy.newProxyInstance(declaredType.getClassLoader(), new Class<?>[] {declaredType},
            (proxy, method, args) -> invoke(copy, method, args));
    }

    /** An iterator over entries already read; holds no store resources. */
    private static final class ListIterator<K, V> implements KeyValueIterator<K, V> {
        private final List<KeyValue<K, V>> entries;
        private int next;

        ListIterator(List<KeyValue<K, V>> entries) {
            this.entries = entries;
        }

        @Override
        public boolean hasNext() {
            return next < entries.size();
        }

        @Override
        public KeyValue<K, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return entries.get(next++);
        }

        @Override
        public K peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return entries.get(next).key;
        }

        @Override
        public void close() {
        }
    }
}
