package dev.netwright.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code netwright-defaults.properties} as the lowest-precedence property source. The backend ships its
 * defaults this way rather than as {@code application.properties}, which the bootable module (and its tests) own.
 */
public class BackendDefaults implements EnvironmentPostProcessor {
    static final String NAME = "netwright-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(NAME)) {
            return;
        }
        try {
            for (PropertySource<?> source : new PropertiesPropertySourceLoader()
                    .load(NAME, new ClassPathResource(NAME + ".properties"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
