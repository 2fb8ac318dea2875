package dev.netwright.backend.run;

import java.util.ArrayList;
import java.util.List;

/** Parses a text/event-stream body into events (id, event name, data). */
record SseEvents(List<Event> events) {
    record Event(long id, String name, String data) {
    }

    static SseEvents parse(String body) {
        List<Event> events = new ArrayList<>();
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : (body + "\n\n").split("\r?\n", -1)) {
            if (line.isEmpty()) {
                if (id != null) {
                    events.add(new Event(Long.parseLong(id), name, data.toString()));
                }
                id = null;
                name = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            }
        }
        return new SseEvents(events);
    }

    List<Long> ids() {
        return events.stream().map(Event::id).toList();
    }
}
