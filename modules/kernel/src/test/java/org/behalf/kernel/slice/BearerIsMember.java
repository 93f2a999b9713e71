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
 * (what the activity entries of a slice's requests name); or {@code client:<id>}, and the caller is
 * that client acting for itself (a client-credentials token). A slice declares it as a bean.
 */
public final class BearerIsMember implements WebMvcConfigurer {

    /** How a client's own token is written here: {@code client:<id>}. */
    public static final String CLIENT = "client:";

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
                String token = request.getHeader(HttpHeaders.AUTHORIZATION).substring("Bearer ".length());
                if (token.startsWith(CLIENT)) {
                    String client = token.substring(CLIENT.length());
                    return new Caller(client, null, client, Set.of(), null, "jti", Caller.Kind.CLIENT);
                }
                return new Caller(token, null, clientId, Set.of(), null, "jti", Caller.Kind.HOLDER);
            }
        });
    }
}
