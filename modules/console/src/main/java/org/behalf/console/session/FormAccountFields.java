package org.behalf.console.session;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.calls.Bearer;
import org.behalf.console.calls.FormAccount;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestDataValueProcessor;

/**
 * Every console form that carries a CSRF token also carries the account it was drawn for
 * ({@link FormAccount}), with no template having to remember it: the fields Spring Security's
 * {@code requestDataValueProcessor} adds to each {@code th:action} form get two more. A form the
 * CSRF field is left out of (a search, sent by GET) changes nothing and gets neither.
 */
@Component
class FormAccountFields implements BeanPostProcessor {

    private static final String PROCESSOR = "requestDataValueProcessor";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return PROCESSOR.equals(beanName) && bean instanceof RequestDataValueProcessor csrf ? new WithAccount(csrf) : bean;
    }

    private record WithAccount(RequestDataValueProcessor csrf) implements RequestDataValueProcessor {

        @Override
        public String processAction(HttpServletRequest request, String action, String httpMethod) {
            return csrf.processAction(request, action, httpMethod);
        }

        @Override
        public String processFormFieldValue(HttpServletRequest request, String name, String value, String type) {
            return csrf.processFormFieldValue(request, name, value, type);
        }

        @Override
        public Map<String, String> getExtraHiddenFields(HttpServletRequest request) {
            Map<String, String> fields = csrf.getExtraHiddenFields(request);
            if (fields == null || fields.isEmpty() || request.getUserPrincipal() == null
                    || !request.getRequestURI().startsWith("/console")) {
                return fields;
            }
            Bearer page = Bearers.drawnFor(request);
            if (page.account() == null) {
                return fields;
            }
            Map<String, String> with = new LinkedHashMap<>(fields);
            with.put(FormAccount.FIELD, page.account());
            with.put(FormAccount.NAME_FIELD, page.holderName());
            return with;
        }

        @Override
        public String processUrl(HttpServletRequest request, String url) {
            return csrf.processUrl(request, url);
        }
    }
}
