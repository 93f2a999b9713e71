package org.behalf.server;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.behalf.delegation.api.Grant;
import org.behalf.delegation.api.Scope;
import org.behalf.delegation.grant.GrantRequest;
import org.behalf.delegation.grant.GrantService;
import org.behalf.identity.api.MemberDirectory;
import org.behalf.identity.clients.ClientRegistration;
import org.behalf.identity.member.MemberService;
import org.behalf.kernel.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo data for {@code scripts/run} ({@code BEHALF_DEMO_DATA=true}): a holder, an assistant with an
 * active grant from the holder, a resume writer, and an integrator with an OAuth client. Made
 * through the same services as everything else (so the grant's steps are in the holder's activity
 * log), once; later starts find them and only print the logins again.
 *
 * <p>Decided when the server is ready rather than by a bean condition: scripts/run starts with the
 * build's ahead-of-time bean plan, in which every condition was settled at build time
 * (docs/operations.md, "Memory and start-up"), and {@code BEHALF_DEMO_DATA=false} must still hold there.
 */
@Component
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    /** What behalf-cli may ask for: the whole catalog. */
    private static final Set<String> FIRST_PARTY = Arrays.stream(Scope.values()).map(Scope::value).collect(Collectors.toSet());

    private final MemberService members;
    private final GrantService grants;
    private final ClientRegistration clients;
    private final TransactionTemplate transactions;
    private final boolean enabled;

    DemoData(MemberService members, GrantService grants, ClientRegistration clients, TransactionTemplate transactions,
             ServerSettings settings) {
        this.enabled = settings.demoData();
        this.members = members;
        this.grants = grants;
        this.clients = clients;
        this.transactions = transactions;
    }

    private record Person(String handle, String displayName, String role) {
        String password() {
            return "demo-password-" + handle;
        }

        String email() {
            return handle + "@demo.behalf.example";
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void load() {
        if (!enabled) {
            return;
        }
        Person holder = new Person("hana", "Hana Holder", "holder (account holder)");
        Person assistant = new Person("amir", "Amir Assistant", "assistant, with an active grant from hana");
        Person writer = new Person("rita", "Rita Resume-Writer", "resume writer (no grant yet)");
        Person integrator = new Person("ivan", "Ivan Integrator", "integrator");
        MemberDirectory.MemberRef hana = member(holder);
        MemberDirectory.MemberRef amir = member(assistant);
        member(writer);
        MemberDirectory.MemberRef ivan = member(integrator);

        Caller hanaCaller = caller(hana);
        Caller amirCaller = caller(amir);
        if (grants.listAsHolder(hanaCaller, null, 50).stream().noneMatch(g -> amir.id().equals(g.delegateId()) && g.statusAt(grants.now()).open())) {
            transactions.executeWithoutResult(status -> {
                Grant grant = grants.create(hanaCaller, demoGrant());
                grants.accept(amirCaller, grant.id());
            });
        }
        Caller ivanCaller = caller(ivan);
        ClientRegistration.ClientView client = transactions.execute(status -> {
            List<ClientRegistration.ClientView> existing = clients.list(ivanCaller);
            return existing.isEmpty()
                    ? clients.register(ivanCaller, new ClientRegistration.NewClient("Ivan's CRM sync",
                    List.of("http://127.0.0.1:9876/callback"), List.of("profile:read", "contacts:read", "contacts:write"),
                    List.of("authorization_code", "refresh_token", "client_credentials")))
                    : clients.rotate(ivanCaller, existing.get(0).clientId(), 0);
        });
        StringBuilder text = new StringBuilder("\n\nDemo logins (handle / password) -- sign in at /login or with scripts/token:\n");
        for (Person person : List.of(holder, assistant, writer, integrator)) {
            text.append(String.format("  %-5s / %-22s %s%n", person.handle(), person.password(), person.role()));
        }
        text.append(String.format("Demo OAuth client of ivan: client_id %s, client_secret %s (a new secret on each start)%n",
                client.clientId(), client.clientSecret()));
        log.info(text.toString());
    }

    private MemberDirectory.MemberRef member(Person person) {
        return members.findByHandleOrEmail(person.handle()).orElseGet(() -> transactions.execute(status ->
                members.register(new MemberService.NewMember(person.handle(), person.email(), person.password(), person.displayName()))));
    }

    private static Caller caller(MemberDirectory.MemberRef member) {
        return new Caller(member.id(), null, "behalf-cli", FIRST_PARTY, null, "demo", Caller.Kind.HOLDER);
    }

    private static GrantRequest demoGrant() {
        return new GrantRequest("amir", List.of("profile:read", "profile:write", "invitations:read", "invitations:respond"),
                null, List.of(), "Keep my profile current and answer invitations", "Only act on tasks agreed by e-mail.",
                java.util.Map.of("invitations:respond", 20), null, "Europe/Berlin", List.of(), null);
    }
}
