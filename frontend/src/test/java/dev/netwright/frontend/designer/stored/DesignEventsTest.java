package dev.netwright.frontend.designer.stored;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DesignEventsTest {

    @Test
    void deliversToListenersOfThatDesignUntilTheyUnsubscribe() {
        DesignEvents events = new DesignEvents();
        UUID design = UUID.randomUUID();
        List<Integer> seen = new ArrayList<>();
        var registration = events.subscribe(design, e -> seen.add(e.version()));
        events.subscribe(UUID.randomUUID(), e -> seen.add(-1));

        events.publish(new DesignEvents.VersionSaved(design, 2, "bob", "", UUID.randomUUID()));
        registration.remove();
        events.publish(new DesignEvents.VersionSaved(design, 3, "bob", "", UUID.randomUUID()));

        assertThat(seen).containsExactly(2);
    }
}
