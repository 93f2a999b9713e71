package org.behalf.identity.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.behalf.identity.IdentitySlice;
import org.behalf.identity.keys.SigningKeys;
import org.behalf.identity.tokens.TokenHashes;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SECURITY-CASES 17 on the resource API: access tokens that differ from a good one in one respect
 * only. Each is entered in the token index like the member's real token (as if issued and never
 * revoked), so the revocation check cannot be what refuses it; a copy with nothing changed is the
 * control that must pass.
 */
class ForgedAccessTokenTest extends IdentitySlice {

    @Autowired
    private SigningKeys keys;
    @Autowired
    private JdbcTemplate jdbc;

    private Member member;
    private JWTClaimsSet genuine;

    @BeforeEach
    void member() throws Exception {
        member = Members.create(baseUrl(), "forge", "profile:read");
        genuine = SignedJWT.parse(member.accessToken()).getJWTClaimsSet();
    }

    /**
     * RFC 6750 section 2.1, {@code "Bearer" 1*SP b64token}: the genuine token after two or three spaces
     * is the token, where it was refused as "invalid, expired or revoked" (black-box finding F5, 2026-12-07).
     */
    @Test
    void theGenuineTokenAfterMoreThanOneSpaceIsAccepted() {
        Http http = new Http(baseUrl());
        for (String spaces : java.util.List.of("  ", "   ")) {
            Http.Response answer = http.send(http.request("/api/v1/profile", null)
                    .header("Authorization", "Bearer" + spaces + member.accessToken()).GET().build());
            assertThat(answer.status()).as("'%s' %s", spaces, answer).isEqualTo(200);
        }
    }

    @Test
    void aCopySignedWithTheServersKeyAndNothingChangedIsAccepted() throws Exception {
        assertThat(profile(signed(new ECDSASigner(keys.signing()), keys.signing().getKeyID(), "at+jwt", claims -> claims)))
                .isEqualTo(200);
    }

    @Test
    void aForeignKeyIsRefusedWhateverItsKeyId() throws Exception {
        ECKey foreign = new ECKeyGenerator(Curve.P_256).keyID(keys.signing().getKeyID()).generate();
        assertThat(profile(signed(new ECDSASigner(foreign), foreign.getKeyID(), "at+jwt", claims -> claims)))
                .as("same kid as the server's key").isEqualTo(401);
        assertThat(profile(signed(new ECDSASigner(foreign), UUID.randomUUID().toString(), "at+jwt", claims -> claims)))
                .as("a kid of its own").isEqualTo(401);
    }

    @Test
    void wrongAudienceIssuerTypeOrTimesAreRefusedEvenWithAGoodSignature() throws Exception {
        Instant now = Instant.now();
        // RFC 9068 section 4: aud, iss, typ, exp; RFC 7519 section 4.1.5: nbf. The skew allowed is
        // a minute (docs/oauth.md), so five minutes is well outside it.
        assertThat(ours("at+jwt", claims -> claims.audience("someone-else"))).as("aud").isEqualTo(401);
        assertThat(ours("at+jwt", claims -> claims.issuer("https://issuer.example"))).as("iss").isEqualTo(401);
        assertThat(ours("at+jwt", claims -> claims.issueTime(Date.from(now.minusSeconds(900)))
                .notBeforeTime(Date.from(now.minusSeconds(900))).expirationTime(Date.from(now.minusSeconds(300))))).as("exp").isEqualTo(401);
        assertThat(ours("at+jwt", claims -> claims.notBeforeTime(Date.from(now.plusSeconds(300))))).as("nbf").isEqualTo(401);
        assertThat(ours("JWT", claims -> claims)).as("typ JWT, not at+jwt").isEqualTo(401);
    }

    @Test
    void algNoneAndHmacKeyedWithThePublicKeyAreRefused() throws Exception {
        JWTClaimsSet claims = fresh(c -> c);
        String none = new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("at+jwt")).build(), claims).serialize();
        assertThat(profile(indexed(none))).as("alg none").isEqualTo(401);

        // The classic key-confusion attack: a verifier that let the header choose the algorithm
        // would check this HMAC with the public key it knows as the secret.
        byte[] publicKey = keys.signing().toECPublicKey().getEncoded();
        assertThat(profile(signed(new MACSigner(publicKey), JWSAlgorithm.HS256, keys.signing().getKeyID(), "at+jwt", claims)))
                .as("HS256 keyed with the public key").isEqualTo(401);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private int ours(String type, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        return profile(signed(new ECDSASigner(keys.signing()), keys.signing().getKeyID(), type, change));
    }

    private String signed(JWSSigner signer, String kid, String type, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        return signed(signer, JWSAlgorithm.ES256, kid, type, fresh(change));
    }

    private String signed(JWSSigner signer, JWSAlgorithm algorithm, String kid, String type, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).type(new JOSEObjectType(type)).build(), claims);
        jwt.sign(signer);
        return indexed(jwt.serialize());
    }

    /** The genuine claims with a new {@code jti}, changed by {@code change}. */
    private JWTClaimsSet fresh(UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(new JWTClaimsSet.Builder(genuine).jwtID(UUID.randomUUID().toString())).build();
    }

    /** Enters the token in the index as the genuine one is: issued, not revoked. */
    private String indexed(String token) {
        int rows = jdbc.update("INSERT INTO identity_token_index (token_hash, token_type, authorization_id, invalidated, standalone, "
                + "registered_client_id, principal_name, grant_type, issued_at, expires_at) SELECT ?, token_type, authorization_id, "
                + "invalidated, standalone, registered_client_id, principal_name, grant_type, issued_at, expires_at "
                + "FROM identity_token_index WHERE token_hash = ?", TokenHashes.sha256(token), TokenHashes.sha256(member.accessToken()));
        assertThat(rows).isEqualTo(1);
        return token;
    }

    private int profile(String token) {
        Http.Response answer = new Http(baseUrl()).get("/api/v1/profile", token);
        if (answer.status() == 401) {
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        }
        return answer.status();
    }
}
