package org.behalf.identity.member;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.behalf.identity.api.MemberDirectory;
import org.behalf.identity.api.MemberRegistered;
import org.behalf.kernel.InvalidRequest;
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
     * Creates an active member. A handle or e-mail already in use is refused with the same answer
     * for both, after the same work as a success (the password is hashed either way), so that the
     * answer tells no more than "try another handle or e-mail" (SECURITY-CASES 27).
     */
    @Transactional
    public MemberRef register(NewMember request) {
        String handle = required("handle", request.handle(), 64);
        String email = required("email", request.email(), 320);
        String displayName = required("displayName", request.displayName(), 100);
        String password = request.password();
        if (password == null || password.length() < MemberPasswords.MIN_LENGTH || password.length() > MemberPasswords.MAX_LENGTH) {
            throw new InvalidRequest("password", "A password has " + MemberPasswords.MIN_LENGTH + " to "
                    + MemberPasswords.MAX_LENGTH + " characters.");
        }
        if (!Names.validHandle(Names.handleKey(handle))) {
            throw new InvalidRequest("handle", "A handle has 3 to 32 letters, digits, dots, dashes or underscores, "
                    + "and starts and ends with a letter or digit.");
        }
        if (!Names.validEmail(Names.emailKey(email))) {
            throw new InvalidRequest("email", "Not an e-mail address (an international domain goes in its xn-- form).");
        }
        if (displayName.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequest("displayName", "Control characters are not allowed.");
        }
        String hash = passwords.encoder().encode(password);
        Member member = new Member(newId(), Names.handleShown(handle), email.strip(), displayName, hash, Member.ACTIVE,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (members.taken(Names.handleKey(handle), Names.emailKey(email))) {
            throw unavailable();
        }
        try {
            members.insert(member);
        } catch (DuplicateKeyException raced) {
            throw unavailable();
        }
        events.publishEvent(new MemberRegistered(member.id(), member.handle(), member.displayName()));
        return ref(member);
    }

    @Override
    public Optional<MemberRef> findById(String memberId) {
        return members.byId(memberId).filter(Member::active).map(MemberService::ref);
    }

    @Override
    public Optional<MemberRef> findByHandleOrEmail(String handleOrEmail) {
        if (handleOrEmail == null || handleOrEmail.isBlank()) {
            return Optional.empty();
        }
        return members.byKey(Names.handleKey(handleOrEmail)).filter(Member::active).map(MemberService::ref);
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
        if (value.strip().length() > max) {
            throw new InvalidRequest(field, "At most " + max + " characters.");
        }
        return value.strip();
    }

    /**
     * Member ids start with {@code mbr_}; client ids never do, so that a client can never pass for
     * a member (SECURITY-CASES 19).
     */
    private static String newId() {
        return OpaqueIds.next("mbr");
    }
}
