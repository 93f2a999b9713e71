package org.behalf.delegation.enforcement;

import jakarta.servlet.DispatcherType;

import io.micrometer.core.instrument.MeterRegistry;
import org.behalf.audit.api.ActivityLog;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.identity.api.ClientDirectory;
import org.behalf.kernel.Callers;
import org.behalf.kernel.RequestState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the choke point: the transaction filter runs after Spring Security has authenticated the
 * token, and the interceptor before every resource API handler, and before every Shared Signals
 * stream handler under {@code /ssf/} (DESIGN.md section 6), which are declared and recorded alike.
 */
@Configuration(proxyBeanMethods = false)
class EnforcementConfiguration implements WebMvcConfigurer {

    private final AccessInterceptor interceptor;

    EnforcementConfiguration(AccessInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    /** The one content negotiation of every answer: {@link AcceptedAnswers}. */
    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(java.util.List.of(new AcceptedAnswers()));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns("/api/**", "/ssf/**");
    }

    @Bean
    FilterRegistrationBean<EnforcementFilter> enforcementFilter(PlatformTransactionManager transactions,
                                                                ActivityRecorder activity, ActivityLog log, JsonMapper json,
                                                                Callers callers, ClientDirectory clients, MeterRegistry meters,
                                                                ObjectProvider<RequestState> requests,
                                                                ObjectProvider<RequestMappingHandlerMapping> handlers) {
        FilterRegistrationBean<EnforcementFilter> registration = new FilterRegistrationBean<>(
                new EnforcementFilter(transactions, activity, log, json, callers, clients, meters, requests, handlers));
        registration.addUrlPatterns("/api/*", "/ssf/*");
        // After the security filter chain (order -100), so the caller is known; and the last filter,
        // so that a request run again after a conflict (Conflicts) runs again all that follows it: the
        // container's chain, called a second time, goes on with the servlet alone.
        registration.setOrder(0);
        // Also on a forward: the MCP server (modules/agents) runs each tool call as the API request it
        // stands for, forwarded inside the server, so that it is enforced and recorded exactly as that
        // request would be (DESIGN.md section 6, "AI assistants"; SECURITY-CASES 43).
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD);
        return registration;
    }
}
