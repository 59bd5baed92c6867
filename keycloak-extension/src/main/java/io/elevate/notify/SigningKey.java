package io.elevate.notify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import java.text.ParseException;

/**
 * The private key webhook messages are signed with: an EC P-256 key (ES256) or an RSA key of at least 2048 bits
 * (RS256), kept as a private JWK in the realm's notification settings. Its public half is the realm's webhook JWKS.
 * Deliberately not one of the realm's own keys: those sign tokens, and a webhook message must never pass for one.
 */
public final class SigningKey {

    /** The {@code typ} of webhook messages, so no verifier mistakes one for an access or ID token. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("elevate-notice+jwt");

    private final JWK key;
    private final JWSAlgorithm algorithm;

    private SigningKey(JWK key, JWSAlgorithm algorithm) {
        this.key = key;
        this.algorithm = algorithm;
    }

    /** A new EC P-256 key whose kid is its RFC 7638 thumbprint. */
    public static SigningKey generate() {
        try {
            return parse(new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true).generate().toJSONString());
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate an EC P-256 key", e);
        }
    }

    /** @throws IllegalArgumentException saying why the text is not a usable private JWK */
    public static SigningKey parse(String json) {
        JWK jwk;
        try {
            jwk = JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("is not a JWK: " + e.getMessage());
        }
        if (!jwk.isPrivate()) {
            throw new IllegalArgumentException("must be a private key (the JWK has no private part)");
        }
        try {
            if (jwk.getKeyID() == null) {
                jwk = jwk instanceof ECKey ec ? new ECKey.Builder(ec).keyIDFromThumbprint().build()
                        : jwk instanceof RSAKey rsa ? new RSAKey.Builder(rsa).keyIDFromThumbprint().build() : jwk;
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("has no kid and no thumbprint could be computed");
        }
        if (jwk instanceof ECKey ec) {
            if (!Curve.P_256.equals(ec.getCurve())) {
                throw new IllegalArgumentException("an EC key must be on curve P-256, not " + ec.getCurve());
            }
            return new SigningKey(jwk, JWSAlgorithm.ES256);
        }
        if (jwk instanceof RSAKey rsa) {
            if (rsa.size() < 2048) {
                throw new IllegalArgumentException("an RSA key must have at least 2048 bits, not " + rsa.size());
            }
            return new SigningKey(jwk, JWSAlgorithm.RS256);
        }
        throw new IllegalArgumentException("must be an EC (P-256) or RSA key, not " + jwk.getKeyType());
    }

    public String keyId() {
        return key.getKeyID();
    }

    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    /** The private JWK, for storing. */
    public String toPrivateJson() {
        return key.toJSONString();
    }

    /** The public half as a JWK Set document, with {@code use=sig} and {@code alg}. */
    public String publicJwks() {
        JWK pub = key.toPublicJWK();
        JWK published = pub instanceof ECKey ec ? new ECKey.Builder(ec).keyUse(KeyUse.SIGNATURE).algorithm(algorithm)
                .build() : new RSAKey.Builder((RSAKey) pub).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).build();
        return new JWKSet(published).toString(true);
    }

    /** The compact JWS of {@code payload} (a JSON object), with alg, kid and typ in its header. */
    public String sign(String payload) {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(algorithm).keyID(keyId()).type(TYPE).build(),
                new Payload(payload));
        try {
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign with key " + keyId(), e);
        }
        return jws.serialize();
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm + ", kid=" + keyId() + "]";
    }
}
