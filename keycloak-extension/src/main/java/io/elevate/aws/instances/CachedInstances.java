package io.elevate.aws.instances;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers what AWS answered for a bounded time and a bounded number of questions, so that a page of the portal or a
 * burst of requests does not call AWS each time. Only answers are kept: a failure, and an instance AWS does not know
 * (it may just have been launched), are asked again next time. A retagged instance is seen after at most the lifetime.
 */
public final class CachedInstances implements InstanceDirectory {

    private record Key(String kind, String region, Object question) {
    }

    private record Entry(Object answer, Instant until) {
    }

    private final InstanceDirectory delegate;
    private final Clock clock;
    private final Duration lifetime;
    private final Map<Key, Entry> entries;

    public CachedInstances(InstanceDirectory delegate, Clock clock, Duration lifetime, int maxEntries) {
        this.delegate = delegate;
        this.clock = clock;
        this.lifetime = lifetime;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Instance> find(String region, String instanceId) {
        Key key = new Key("find", region, instanceId);
        Object cached = cached(key);
        if (cached != null) {
            return Optional.of((Instance) cached);
        }
        Optional<Instance> found = delegate.find(region, instanceId);
        found.ifPresent(instance -> keep(key, instance));
        return found;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Instance> list(String region, Map<String, String> tagFilter, int limit) {
        Key key = new Key("list", region, List.of(Map.copyOf(tagFilter), limit));
        Object cached = cached(key);
        if (cached != null) {
            return (List<Instance>) cached;
        }
        List<Instance> found = List.copyOf(delegate.list(region, tagFilter, limit));
        keep(key, found);
        return found;
    }

    private Object cached(Key key) {
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return null;
            }
            if (!clock.instant().isBefore(entry.until())) {
                entries.remove(key);
                return null;
            }
            return entry.answer();
        }
    }

    private void keep(Key key, Object answer) {
        if (lifetime.isZero() || lifetime.isNegative()) {
            return;
        }
        synchronized (entries) {
            entries.put(key, new Entry(answer, clock.instant().plus(lifetime)));
        }
    }

    /** How many answers are kept now (expired ones until they are asked for again). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
