package org.behalf.kernel.slice;

import java.util.List;
import java.util.Set;

import org.behalf.kernel.Caller;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The stand-in for identity's token check in a slice without identity: the bearer token is the
 * member id, and the caller is that member as the holder, through the client {@code clientId}
 * (what the activity entries of a slice's requests name). A slice declares it as a bean.
 */
public final class BearerIsMember implements WebMvcConfigurer {

    private final String clientId;

    public BearerIsMember(String clientId) {
        this.clientId = clientId;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return Caller.class.equals(parameter.getParameterType());
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                          WebDataBinderFactory binders) {
                String member = request.getHeader(HttpHeaders.AUTHORIZATION).substring("Bearer ".length());
                return new Caller(member, null, clientId, Set.of(), null, "jti", Caller.Kind.HOLDER);
            }
        });
    }
}
