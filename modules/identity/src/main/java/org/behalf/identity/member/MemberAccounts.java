package org.behalf.identity.member;

import java.util.List;

import org.behalf.kernel.InvalidRequest;
import org.springframework.stereotype.Component;

/** Credential changes of a member's own account; the hash never leaves this package. */
@Component
public class MemberAccounts {

    private final MemberRepository members;
    private final MemberPasswords passwords;

    MemberAccounts(MemberRepository members, MemberPasswords passwords) {
        this.members = members;
        this.passwords = passwords;
    }

    /** Closes the account for good: it can no longer sign in, and the directory no longer finds it. */
    public void close(String memberId, String password) {
        Member member = members.byId(memberId).filter(Member::active).orElseThrow(InvalidRequest::notFound);
        if (password == null || !passwords.encoder().matches(password, member.passwordHash())) {
            throw new InvalidRequest("password", "The password is not right.");
        }
        members.close(memberId);
    }

    /** The open accounts of the AI assistants a person runs (members of kind agent), closed with theirs. */
    public List<String> agentsOf(String operatorId) {
        return members.agentsOf(operatorId).stream().map(Member::id).toList();
    }

    /** Closes an agent's account along with its operator's: nobody would answer for it any more. */
    public void closeAgent(String agentId) {
        members.close(agentId);
    }

    /** An open account and where to mail it, found by its e-mail address only (never by handle). */
    public record Mailable(String id, String displayName, String email) {
    }

    /**
     * The form an e-mail address is found by (docs/security.md rule 26): what counts requests per
     * address must key on it, or every spelling of one address is a new one to count.
     */
    public String emailKey(String email) {
        return Names.emailKey(email);
    }

    public java.util.Optional<Mailable> byEmail(String email) {
        if (email == null || email.indexOf('@') < 1) {
            return java.util.Optional.empty();
        }
        String key = Names.emailKey(email);
        return members.byKey(key).filter(Member::active).filter(m -> Names.emailKey(m.email()).equals(key))
                .map(m -> new Mailable(m.id(), m.displayName(), m.email()));
    }

    /** A new password without the old one: only for a password reset, which proved the e-mail address. */
    public void setPassword(String memberId, String newPassword) {
        MemberPasswords.check("newPassword", newPassword);
        members.updatePassword(memberId, passwords.encoder().encode(newPassword));
    }

    /** Needs the current password (a stolen token alone cannot take over the account). */
    public void changePassword(String memberId, String currentPassword, String newPassword) {
        Member member = members.byId(memberId).orElseThrow(InvalidRequest::notFound);
        if (currentPassword == null || !passwords.encoder().matches(currentPassword, member.passwordHash())) {
            throw new InvalidRequest("currentPassword", "The current password is not right.");
        }
        MemberPasswords.check("newPassword", newPassword);
        members.updatePassword(memberId, passwords.encoder().encode(newPassword));
    }
}
