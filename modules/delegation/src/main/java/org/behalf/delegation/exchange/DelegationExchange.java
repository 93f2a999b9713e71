package org.behalf.delegation.exchange;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.delegation.grant.GrantRepository;
import org.behalf.delegation.grant.GrantSettings;
import org.behalf.identity.api.IssuedTokens;
import org.behalf.identity.api.TokenGrantExtension;
import org.behalf.kernel.RequestState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Contributes the delegation token exchange to the identity module's token endpoint. */
@Component
class DelegationExchange implements TokenGrantExtension {

    private final DelegationExchangeConverter converter = new DelegationExchangeConverter();
    private final DelegationExchangeProvider provider;

    DelegationExchange(GrantRepository grants, JwtDecoder accessTokens,
                       IssuedTokens issuedTokens, OAuth2TokenGenerator<? extends OAuth2Token> tokens,
                       ActivityRecorder activity, PlatformTransactionManager transactions, Clock clock,
                       GrantSettings settings, ObjectProvider<RequestState> requests, MeterRegistry meters) {
        this.provider = new DelegationExchangeProvider(grants, accessTokens, issuedTokens, tokens, activity,
                new TransactionTemplate(transactions), clock, settings.tokenLifetime(), requests, meters);
    }

    @Override
    public AuthenticationConverter converter() {
        return converter;
    }

    @Override
    public AuthenticationProvider provider() {
        return provider;
    }
}
