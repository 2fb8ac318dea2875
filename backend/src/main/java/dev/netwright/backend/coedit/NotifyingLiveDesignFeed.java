package dev.netwright.backend.coedit;

import dev.netwright.backend.db.DatabaseNotifications;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The live feed over NOTIFY on {@value #CHANNEL}. Edits are announced inside the applying transaction (so only
 * committed edits are announced). Presence is announced outside any transaction and repeated every few seconds by
 * the instance that holds the tab, so an instance that starts later, or one that lost its LISTEN connection, learns
 * the roster again; a tab not heard of for {@link #EXPIRY_NANOS} is gone (its instance stopped).
 */
@Service
class NotifyingLiveDesignFeed implements LiveDesignFeed {
    static final String CHANNEL = "design_live";
    private static final Logger log = LoggerFactory.getLogger(NotifyingLiveDesignFeed.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long REPEAT_NANOS = 3_000_000_000L;
    private static final long EXPIRY_NANOS = 10_000_000_000L;
    /**
     * PostgreSQL refuses NOTIFY payloads of 8000 bytes or more: a tab with hundreds of layers selected would
     * otherwise vanish from every other instance's roster, so its selection is sent in part (the first layers).
     */
    static final int MAX_PAYLOAD_BYTES = 7_900;

    private final JdbcClient jdbc;
    private final Map<UUID, Set<Consumer<Event>>> listeners = new ConcurrentHashMap<>();
    /** The tabs on this instance, announced again every few seconds. */
    private final Map<UUID, Presence> local = new ConcurrentHashMap<>();
    /** Every tab heard of, per design, with when it was last heard of. */
    private final Map<UUID, Map<UUID, Seen>> rosters = new ConcurrentHashMap<>();
    /**
     * This instance in its presence messages: its own, heard back, are skipped (it keeps its tabs' roster entries
     * itself), also when they arrive after the tab has left, which would otherwise bring the tab back.
     */
    private final String instance = UUID.randomUUID().toString();
    private volatile long lastRepeat = System.nanoTime();

    private record Seen(Presence presence, long at) {
    }

    NotifyingLiveDesignFeed(DatabaseNotifications notifications, JdbcClient jdbc) {
        this.jdbc = jdbc;
        notifications.listen(CHANNEL, new DatabaseNotifications.Channel() {
            @Override
            public void onNotification(String payload) {
                deliver(payload);
            }

            @Override
            public void onListening() {
                local.values().forEach(NotifyingLiveDesignFeed.this::send);
            }

            @Override
            public void onPoll() {
                tick();
            }
        });
    }

    /** Called inside the transaction that applied the edit. */
    static void announceEdit(JdbcClient jdbc, UUID designId, long seq, UUID clientId) {
        ObjectNode o = JSON.createObjectNode().put("t", "e").put("d", designId.toString()).put("s", seq)
                .put("c", clientId.toString());
        jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, o.toString()).query((rs, i) -> 1).list();
    }

    @Override
    public Subscription subscribe(UUID designId, Consumer<Event> l) {
        listeners.computeIfAbsent(designId, id -> ConcurrentHashMap.newKeySet()).add(l);
        return () -> listeners.computeIfPresent(designId, (id, set) -> {
            set.remove(l);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void announce(Presence presence) {
        local.put(presence.clientId(), presence);
        if (seen(presence)) {
            tell(new RosterChanged(presence.designId()));
        }
        send(presence);
    }

    @Override
    public void leave(UUID designId, UUID clientId) {
        if (local.remove(clientId) == null) {
            return;
        }
        gone(designId, clientId);
        tell(new RosterChanged(designId));
        ObjectNode o = JSON.createObjectNode().put("t", "l").put("d", designId.toString())
                .put("c", clientId.toString()).put("i", instance);
        notify(o);
    }

    @Override
    public List<Presence> roster(UUID designId) {
        List<List<Presence>> out = new ArrayList<>(1);
        rosters.computeIfPresent(designId, (id, r) -> {
            out.add(r.values().stream().map(Seen::presence).toList());
            return r;
        });
        return out.isEmpty() ? List.of() : out.get(0);
    }

    private void send(Presence p) {
        notify(presencePayload(p, instance));
    }

    /** A presence as announced: the selection shortened, if need be, to fit {@link #MAX_PAYLOAD_BYTES}. */
    static ObjectNode presencePayload(Presence p, String instance) {
        ObjectNode o = JSON.createObjectNode().put("t", "p").put("d", p.designId().toString())
                .put("c", p.clientId().toString()).put("u", p.user()).put("e", p.canEdit()).put("i", instance);
        ArrayNode selection = o.putArray("s");
        int bytes = utf8Length(o.toString());
        for (String id : p.selection()) {
            // the id as a JSON string, and a comma
            bytes += utf8Length(JSON.writeValueAsString(id)) + 1;
            if (bytes > MAX_PAYLOAD_BYTES) {
                break;
            }
            selection.add(id);
        }
        return o;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private void notify(ObjectNode payload) {
        try {
            jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, payload.toString()).query((rs, i) -> 1).list();
        } catch (RuntimeException e) {
            // presence is repeated every few seconds: a lost announcement heals itself
            log.warn("could not announce live design presence: {}", e.toString());
        }
    }

    private void deliver(String payload) {
        JsonNode o = JSON.readTree(payload);
        UUID designId = UUID.fromString(o.path("d").asString());
        UUID clientId = UUID.fromString(o.path("c").asString());
        boolean own = instance.equals(o.path("i").asString());
        switch (o.path("t").asString()) {
            case "e" -> tell(new Edited(designId, o.path("s").asLong(), clientId));
            case "p" -> {
                if (own || local.containsKey(clientId)) {
                    // this instance's own tab, heard back: the roster has it (with its whole selection) or it left
                    return;
                }
                List<String> selection = new ArrayList<>();
                o.path("s").forEach(s -> selection.add(s.asString()));
                if (seen(new Presence(designId, clientId, o.path("u").asString(), selection,
                        o.path("e").asBoolean()))) {
                    tell(new RosterChanged(designId));
                }
            }
            case "l" -> {
                if (!own) {
                    gone(designId, clientId);
                    tell(new RosterChanged(designId));
                }
            }
            default -> log.warn("unknown live design message {}", payload);
        }
    }

    /** Records a presence; answers whether the roster changed (not just a repeat). */
    private boolean seen(Presence p) {
        boolean[] changed = new boolean[1];
        // every change of a roster happens inside the map's compute, which serialises it per design
        rosters.compute(p.designId(), (id, r) -> {
            Map<UUID, Seen> roster = r == null ? new LinkedHashMap<>() : r;
            Seen before = roster.put(p.clientId(), new Seen(p, System.nanoTime()));
            changed[0] = before == null || !Objects.equals(before.presence(), p);
            return roster;
        });
        return changed[0];
    }

    private void gone(UUID designId, UUID clientId) {
        rosters.computeIfPresent(designId, (id, r) -> {
            r.remove(clientId);
            return r.isEmpty() ? null : r;
        });
    }

    private void tick() {
        long now = System.nanoTime();
        if (now - lastRepeat < REPEAT_NANOS) {
            return;
        }
        lastRepeat = now;
        local.values().forEach(this::send);
        for (UUID designId : List.copyOf(rosters.keySet())) {
            boolean[] changed = new boolean[1];
            rosters.computeIfPresent(designId, (id, r) -> {
                changed[0] = r.entrySet().removeIf(s -> !local.containsKey(s.getKey())
                        && now - s.getValue().at() > EXPIRY_NANOS);
                // designs nobody has open any more leave no trace
                return r.isEmpty() ? null : r;
            });
            if (changed[0]) {
                tell(new RosterChanged(designId));
            }
        }
    }

    private void tell(Event event) {
        Set<Consumer<Event>> subs = listeners.get(event.designId());
        if (subs == null) {
            return;
        }
        for (Consumer<Event> l : subs) {
            try {
                l.accept(event);
            } catch (RuntimeException ex) {
                log.warn("live design listener failed: {}", ex.toString());
            }
        }
    }
}
