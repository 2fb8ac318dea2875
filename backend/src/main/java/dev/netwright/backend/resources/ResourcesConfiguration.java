package dev.netwright.backend.resources;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResourceLimits.class)
class ResourcesConfiguration {
}
