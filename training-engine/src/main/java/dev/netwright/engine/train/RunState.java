package dev.netwright.engine.train;


import java.util.Properties;

/**
 * Counters a resumed run needs besides parameters and optimizer moments.
 *
 * @param epochsCompleted  fully trained epochs (a cancelled epoch does not count and is repeated on resume)
 * @param globalStep       update steps taken (drives the learning-rate schedule)
 * @param updaterSteps     optimizer step count (Adam's bias correction)
 * @param bestEpoch        epoch of the best monitored value, 0 if none
 * @param bestValue        best monitored value, NaN if none
 * @param sinceImprovement epochs since the monitored value last improved
 * @param plateau          reduce-on-plateau state
 */
record RunState(int epochsCompleted, long globalStep, long updaterSteps, int bestEpoch, double bestValue,
                       int sinceImprovement, PlateauReducer.State plateau) {

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("epochsCompleted", Integer.toString(epochsCompleted));
        p.setProperty("globalStep", Long.toString(globalStep));
        p.setProperty("updaterSteps", Long.toString(updaterSteps));
        p.setProperty("bestEpoch", Integer.toString(bestEpoch));
        p.setProperty("bestValue", Double.toString(bestValue));
        p.setProperty("sinceImprovement", Integer.toString(sinceImprovement));
        p.setProperty("plateau.multiplier", Double.toString(plateau.multiplier()));
        p.setProperty("plateau.waited", Integer.toString(plateau.waited()));
        p.setProperty("plateau.best", Double.toString(plateau.best()));
        return p;
    }

    static RunState fromProperties(Properties p) {
        return new RunState(Integer.parseInt(p.getProperty("epochsCompleted")),
                Long.parseLong(p.getProperty("globalStep")), Long.parseLong(p.getProperty("updaterSteps")),
                Integer.parseInt(p.getProperty("bestEpoch")), Double.parseDouble(p.getProperty("bestValue")),
                Integer.parseInt(p.getProperty("sinceImprovement")),
                new PlateauReducer.State(Double.parseDouble(p.getProperty("plateau.multiplier")),
                        Integer.parseInt(p.getProperty("plateau.waited")),
                        Double.parseDouble(p.getProperty("plateau.best"))));
    }
}
