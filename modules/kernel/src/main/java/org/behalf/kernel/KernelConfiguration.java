package org.behalf.kernel;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The kernel's beans. */
@Configuration(proxyBeanMethods = false)
public class KernelConfiguration {

    /**
     * One {@link RequestState} per HTTP request, made when first asked for, around the request the
     * request scope itself is bound to. No scoped proxy: outside a request
     * {@code ObjectProvider.getIfAvailable} answers null rather than a proxy that fails when used.
     */
    /** The bean's name, which the request scope uses as the request attribute it keeps it in. */
    static final String REQUEST_STATE = "requestState";

    /** The one reading of whole numbers in addresses, for every controller (a controller advice). */
    @Bean
    WholeNumbers wholeNumbers() {
        return new WholeNumbers();
    }

    @Bean(REQUEST_STATE)
    @Scope(WebApplicationContext.SCOPE_REQUEST)
    RequestState requestState() {
        return new RequestState(((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest());
    }
}
