package org.behalf.identity.authorization;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * A browser's session id is one string (DESIGN.md section 3; docs/security.md rule 26): the session cookie
 * names a sign-in only when it holds an id in the one shape Spring Session gives them, a UUID in lower-case
 * hex, and anything else is no session, before the database is asked. On a database with the server's
 * default collation the same id in upper case, or with an accent on a letter, found the browser's sign-in,
 * and trailing spaces find it on every MySQL collation ({@code identity_session.SESSION_ID} compares byte
 * for byte since V202612071741, and still pads).
 *
 * <p>Spring Session reads the cookie with a {@link CookieHttpSessionIdResolver} over the cookie serializer
 * Spring Boot configures ({@code server.servlet.session.cookie.*}); a resolver bean of our own would make
 * Boot leave that serializer out, so the filter is given the same resolver, wrapped, after it is made.
 */
@Configuration(proxyBeanMethods = false)
class BrowserSessionIds {

    /** {@code UUID.randomUUID().toString()}, Spring Session's {@code UuidSessionIdGenerator}. */
    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Bean
    static BeanPostProcessor exactBrowserSessionIds(ObjectProvider<CookieSerializer> cookies) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof SessionRepositoryFilter<?> filter) {
                    CookieHttpSessionIdResolver cookie = new CookieHttpSessionIdResolver();
                    cookie.setCookieSerializer(cookies.getObject());
                    filter.setHttpSessionIdResolver(new Shaped(cookie));
                }
                return bean;
            }
        };
    }

    /** The session ids the cookie holds, those of a session id's shape only. */
    private record Shaped(HttpSessionIdResolver cookie) implements HttpSessionIdResolver {

        @Override
        public List<String> resolveSessionIds(HttpServletRequest request) {
            return cookie.resolveSessionIds(request).stream().filter(id -> SHAPE.matcher(id).matches()).toList();
        }

        @Override
        public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
            cookie.setSessionId(request, response, sessionId);
        }

        @Override
        public void expireSession(HttpServletRequest request, HttpServletResponse response) {
            cookie.expireSession(request, response);
        }
    }
}
