package dev.netwright.backend.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Type;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Applies {@link ControlCharacters} to every user-facing {@code /api} request: JSON bodies once they are read, query
 * and form parameters before the handler runs. The worker protocol is left out: it carries what training printed
 * (failure texts may hold terminal escape codes), and its own endpoints store it safely.
 */
@ControllerAdvice
class TextInputCheck extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter,
                                Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        if (userApi(currentPath())) {
            ControlCharacters.requireIn("", body);
        }
        return body;
    }

    private static String currentPath() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
                ? a.getRequest().getRequestURI() : "";
    }

    static boolean userApi(String path) {
        return path.startsWith("/api/") && !path.startsWith("/api/workers/");
    }

    /** Query and form parameters, checked after multipart parsing and before the handler. */
    @Configuration(proxyBeanMethods = false)
    static class Parameters implements WebMvcConfigurer {
        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new HandlerInterceptor() {
                @Override
                public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                    if (userApi(request.getRequestURI())) {
                        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
                            ControlCharacters.require(p.getKey(), p.getKey());
                            for (String value : p.getValue()) {
                                ControlCharacters.require(p.getKey(), value);
                            }
                        }
                    }
                    return true;
                }
            }).addPathPatterns("/api/**");
        }
    }
}
