package org.behalf.console;

import org.behalf.console.session.ConsoleAccess;
import org.behalf.console.session.FormOnce;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Console pages need the console's tokens; sign-in, its callback and sign-up are how one gets them. */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

    private final FormOnce formOnce;

    ConsoleWebConfiguration(FormOnce formOnce) {
        this.formOnce = formOnce;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ConsoleAccess()).addPathPatterns("/console", "/console/**")
                .excludePathPatterns("/console/signin", "/console/callback", "/console/signup", "/console/signout",
                        "/console/password-reset", "/console/password-reset/complete", "/console/dev/mailbox");
        // After the sign-in check: a creating form's token is spent only by the member it was drawn for.
        registry.addInterceptor(formOnce).addPathPatterns("/console/**");
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", "/console");
    }
}
