package org.behalf.identity.member;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.behalf.identity.api.MemberDirectory;
import org.behalf.identity.api.MemberRegistered;
import org.behalf.kernel.FieldChecks;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.TextField;
import org.behalf.kernel.OpaqueIds;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates member accounts and answers look-ups for the other modules. */
@Service
public class MemberService implements MemberDirectory {

    private final MemberRepository members;
    private final MemberPasswords passwords;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MemberService(MemberRepository members, MemberPasswords passwords, ApplicationEventPublisher events, Clock clock) {
        this.members = members;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
    }

    public record NewMember(String handle, String email, String password, String displayName) {
    }

    /**
     * Creates an active member. Every field is checked before any is refused, and all their problems
     * are said in one answer ({@link FieldChecks}): a person is told everything wrong with the form at
     * once. A handle or e-mail already in use is looked up only after the form is otherwise right, and
     * refused with the same answer for both, after the same work as a success (the password is hashed
     * either way), so that the answer tells no more than "try another handle or e-mail" (SECURITY-CASES 27).
     */
    @Transactional
    public MemberRef register(NewMember request) {
        FieldChecks checks = new FieldChecks();
        String handle = checks.value("handle", () -> required("handle", request.handle(), 64));
        String email = checks.value("email", () -> required("email", request.email(), 320));
        String displayName = checks.value("displayName", () -> required("displayName", request.displayName(), 100));
        checks.check("password", () -> MemberPasswords.check("password", request.password()));
        checks.check("handle", () -> checkHandle(handle));
        checks.check("email", () -> checkEmail(email));
        checks.check("displayName", () -> TextField.checkName("displayName", displayName));
        checks.refuseIfAny();
        String hash = passwords.encoder().encode(request.password());
        Member member = new Member(newId(), Names.handleShown(handle), email, displayName, hash, Member.ACTIVE,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (members.taken(Names.handleKey(handle), Names.emailKey(email))) {
            throw unavailable();
        }
        insert(member);
        events.publishEvent(new MemberRegistered(member.id(), member.handle(), member.displayName()));
        return ref(member);
    }

    /** What an operator sends to create an agent; the password is the one its MCP client's sign-in page takes. */
    public record NewAgent(String handle, String displayName, String password) {
    }

    /** An agent as the API answers it, with the person who runs it. */
    public record AgentView(String id, String handle, String displayName, String kind, MemberRef operator, Instant createdAt) {
    }

    /** How many agents one person may run: enough for every assistant a person uses, not a farm of accounts. */
    static final int MAX_AGENTS = 20;

    /**
     * Creates a member of kind {@code agent} run by {@code operator} (DESIGN.md section 6, "AI
     * assistants"). An agent has no e-mail and no profile in the network (no {@link MemberRegistered}:
     * nobody finds it by searching, it exists to be granted by name); it signs in only through an
     * OAuth client other than the console's, and its own tokens carry at most {@code delegation:act}
     * (AgentSignIn), so that all it can ever do is act under a holder's grant (docs/security.md rule 43).
     * A handle already in use is refused as at sign-up (SECURITY-CASES 27).
     */
    @Transactional
    public AgentView registerAgent(String operatorId, NewAgent request) {
        Member operator = members.byId(operatorId).filter(Member::active)
                .orElseThrow(() -> new IllegalStateException("no operator"));
        if (operator.agent()) {
            throw InvalidRequest.forbidden("An AI assistant cannot create another.");
        }
        // Every problem in one answer, as at sign-up (register): the Assistants form names them all at once.
        FieldChecks checks = new FieldChecks();
        String handle = checks.value("handle", () -> required("handle", request.handle(), 64));
        String displayName = checks.value("displayName", () -> required("displayName", request.displayName(), 100));
        checks.check("password", () -> MemberPasswords.check("password", request.password()));
        checks.check("handle", () -> checkHandle(handle));
        checks.check("displayName", () -> TextField.checkName("displayName", displayName));
        checks.refuseIfAny();
        members.lockOperator(operatorId);
        if (members.agentsOf(operatorId).size() >= MAX_AGENTS) {
            throw InvalidRequest.conflict("You already run " + MAX_AGENTS + " assistants, the most allowed.");
        }
        String hash = passwords.encoder().encode(request.password());
        Member agent = new Member(newId(), Names.handleShown(handle), "", displayName, hash, Member.ACTIVE,
                clock.instant().truncatedTo(ChronoUnit.MILLIS), Member.AGENT, operatorId);
        if (members.taken(Names.handleKey(handle), Names.handleKey(handle))) {
            throw unavailable();
        }
        insert(agent);
        return agentView(agent, operator);
    }

    /** The agents a person runs, newest first. */
    public List<AgentView> agentsOf(String operatorId) {
        Member operator = members.byId(operatorId).orElseThrow(() -> new IllegalStateException("no operator"));
        return members.agentsOf(operatorId).stream().map(agent -> agentView(agent, operator)).toList();
    }

    /**
     * An agent by handle, with its operator, for a holder about to grant it. Only agents are told:
     * a person's handle answers the same as one nobody has (SECURITY-CASES 27); an agent's handle is
     * meant to be given out by its operator.
     */
    public Optional<AgentView> agentByHandle(String handle) {
        if (handle == null || handle.isBlank()) {
            return Optional.empty();
        }
        return members.byKey(Names.handleKey(handle)).filter(Member::active).filter(Member::agent)
                .flatMap(agent -> members.byId(agent.operatorId()).filter(Member::active).map(operator -> agentView(agent, operator)));
    }

    private void insert(Member member) {
        try {
            members.insert(member);
        } catch (DuplicateKeyException raced) {
            throw unavailable();
        }
    }

    private static AgentView agentView(Member agent, Member operator) {
        return new AgentView(agent.id(), agent.handle(), agent.displayName(), Member.AGENT, ref(operator), agent.createdAt());
    }

    private static void checkHandle(String handle) {
        if (!Names.validHandle(Names.handleKey(handle))) {
            // Letters a–z only (after case folding): "letters" alone led people to try ë and be refused
            // (black-box finding, 2026-12-07). Widening the rule is not for the words to do: handles are
            // compared in their ASCII form, look-alikes folded (docs/security.md rule 26).
            throw new InvalidRequest("handle", "A handle has 3 to 32 characters: letters a–z, digits, dots, dashes or "
                    + "underscores, and starts and ends with a letter or digit.");
        }
    }

    private static void checkEmail(String email) {
        if (!Names.validEmail(Names.emailKey(email))) {
            throw new InvalidRequest("email", "Not an e-mail address Behalf can take: write it as name@example.com, without quotes, "
                    + "brackets or spaces (an international domain goes in its xn-- form).");
        }
    }

    /**
     * The member of exactly this id (DESIGN.md section 3: an id is one string; docs/security.md rule 26):
     * {@code identity_member.id} compares as the database's default collation says, which may ignore case
     * and accents, and every MySQL collation pads trailing spaces, so a row found by another spelling is no
     * member of that id. The column keeps its collation: it is the members' whole table, which a migration
     * would rebuild, and an id a caller names reaches it only through here (the other look-ups are of a
     * signed-in member's own id).
     */
    @Override
    public Optional<MemberRef> findById(String memberId) {
        return exactly(memberId).filter(Member::active).map(MemberService::ref);
    }

    @Override
    public Optional<MemberRef> findByHandleOrEmail(String handleOrEmail) {
        if (handleOrEmail == null || handleOrEmail.isBlank()) {
            return Optional.empty();
        }
        return members.byKey(Names.handleKey(handleOrEmail)).filter(Member::active).map(MemberService::ref);
    }

    @Override
    public boolean isAgent(String memberId) {
        return exactly(memberId).map(Member::agent).orElse(false);
    }

    private Optional<Member> exactly(String memberId) {
        return members.byId(memberId).filter(member -> member.id().equals(memberId));
    }

    private static InvalidRequest unavailable() {
        return InvalidRequest.conflict("That handle or e-mail cannot be used; choose another.");
    }

    private static MemberRef ref(Member member) {
        return new MemberRef(member.id(), member.handle(), member.displayName());
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequest(field, "Required.");
        }
        String trimmed = Names.trimmed(value);
        if (TextField.length(trimmed) > max) {
            throw new InvalidRequest(field, "At most " + max + " characters.");
        }
        return trimmed;
    }

    /**
     * Member ids start with {@code mbr_}; client ids never do, so that a client can never pass for
     * a member (SECURITY-CASES 19).
     */
    private static String newId() {
        return OpaqueIds.next("mbr");
    }
}
