package dev.netwright.engine.compile;

import dev.netwright.designer.analysis.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** The design has errors, so it cannot be compiled; the message lists them all. */
public final class DesignNotTrainableException extends Exception {
    private final List<Problem> problems;

    DesignNotTrainableException(List<Problem> problems) {
        super("the design has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ": "
                + problems.stream().map(Problem::describe).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
        return problems;
    }
}
