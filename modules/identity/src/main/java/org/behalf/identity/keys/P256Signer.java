package org.behalf.identity.keys;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * ES256 (RFC 7518 section 3.4) with Bouncy Castle's lightweight ECDSA on one shared P-256 domain.
 * Going through the JCA provider converted the key for every signature into fresh curve objects,
 * and Bouncy Castle then rebuilt its fixed-point multiplication table each time: a profile of the
 * token endpoint showed that rebuild as the largest single cost. With one domain the table is built
 * once; the key's parameters are made once per key.
 */
final class P256Signer implements JWSSigner {

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int HALF = 32;

    private final ECPrivateKeyParameters key;
    private final JCAContext context = new JCAContext();

    P256Signer(ECKey key) throws JOSEException {
        if (key.getD() == null) {
            throw new JOSEException("a private key is needed to sign");
        }
        this.key = new ECPrivateKeyParameters(key.getD().decodeToBigInteger(), DOMAIN);
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new JOSEException("only ES256");
        }
        SHA256Digest sha256 = new SHA256Digest();
        sha256.update(signingInput, 0, signingInput.length);
        byte[] digest = new byte[sha256.getDigestSize()];
        sha256.doFinal(digest, 0);
        ECDSASigner ecdsa = new ECDSASigner();
        ecdsa.init(true, new ParametersWithRandom(key, RANDOM));
        BigInteger[] rs = ecdsa.generateSignature(digest);
        // JWS wants R and S as two fixed 32-byte big-endian halves, not DER.
        byte[] signature = new byte[2 * HALF];
        copy(rs[0], signature, 0);
        copy(rs[1], signature, HALF);
        return Base64URL.encode(signature);
    }

    private static void copy(BigInteger value, byte[] into, int at) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, HALF);
        System.arraycopy(bytes, bytes.length - length, into, at + HALF - length, length);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.ES256);
    }

    @Override
    public JCAContext getJCAContext() {
        return context;
    }
}
