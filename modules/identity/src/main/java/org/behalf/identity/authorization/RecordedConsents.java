package org.behalf.identity.authorization;

import java.util.List;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.audit.api.RequestInfos;
import org.behalf.kernel.RequestState;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The consents members give on the consent page, each recorded in the member's activity log as
 * {@code app.allow}, in one transaction with the consent: giving an app standing access to one's
 * account is the counterpart of withdrawing it ({@code app.withdraw}, in the same shape) and of
 * creating a grant, and the log had only the withdrawal (black-box finding F15, 2026-12-07;
 * docs/activity-log.md: "grants and each step of their lifecycle"). Spring Authorization Server
 * saves a consent only when the member allowed something not allowed before; a consent saved with
 * nothing new in it (none is) would record nothing.
 */
final class RecordedConsents implements OAuth2AuthorizationConsentService {

    private final OAuth2AuthorizationConsentService stored;
    private final RegisteredClientRepository clients;
    private final ActivityRecorder activity;
    private final TransactionOperations transactions;
    private final ObjectProvider<RequestState> requests;

    RecordedConsents(OAuth2AuthorizationConsentService stored, RegisteredClientRepository clients, ActivityRecorder activity,
                     TransactionOperations transactions, ObjectProvider<RequestState> requests) {
        this.stored = stored;
        this.clients = clients;
        this.activity = activity;
        this.transactions = transactions;
        this.requests = requests;
    }

    @Override
    public void save(OAuth2AuthorizationConsent consent) {
        transactions.executeWithoutResult(status -> {
            OAuth2AuthorizationConsent before = stored.findById(consent.getRegisteredClientId(), consent.getPrincipalName());
            stored.save(consent);
            List<String> was = before == null ? null : before.getScopes().stream().sorted().toList();
            List<String> is = consent.getScopes().stream().sorted().toList();
            RegisteredClient client = clients.findById(consent.getRegisteredClientId());
            if (is.equals(was) || client == null) {
                return;
            }
            String member = consent.getPrincipalName();
            activity.record(new ActivityEvent(member, new ActivityEvent.Actor(ActivityEvent.Actor.Kind.HOLDER, member), null, null,
                    "app.allow", new ActivityEvent.Target("client", client.getClientId()), ActivityEvent.Outcome.SUCCESS, null,
                    List.of(new ActivityEvent.Change("app", before == null ? null : client.getClientName(), client.getClientName()),
                            new ActivityEvent.Change("scopes", was, is)),
                    RequestInfos.of(RequestState.of(requests))));
        });
    }

    @Override
    public void remove(OAuth2AuthorizationConsent consent) {
        stored.remove(consent);
    }

    @Override
    public @Nullable OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        return stored.findById(registeredClientId, principalName);
    }
}
