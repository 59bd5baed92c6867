package io.elevate.testing.aws;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Checks an AWS Signature Version 4 {@code Authorization} header the way AWS does: rebuilds the canonical request from
 * what arrived, derives the signing key from the secret, and compares signatures. Only for the contract servers'
 * requests, which are all {@code POST /} with the parameters in the body.
 */
final class SigV4 {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?"
                    + "Signature=([0-9a-f]{64})");

    /** What the signature says and whether it holds; {@code problem} is null when it does. */
    record Check(String accessKeyId, String region, String service, String problem) {
        boolean valid() {
            return problem == null;
        }
    }

    private SigV4() {
    }

    static Check check(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
                       String accessKeyId, String secretKey) {
        String authorization = first(headers, "authorization");
        if (authorization == null) {
            return new Check(null, null, null, "no Authorization header");
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            return new Check(null, null, null, "not a SigV4 Authorization header: " + authorization);
        }
        String key = m.group(1);
        String date = m.group(2);
        String region = m.group(3);
        String service = m.group(4);
        String amzDate = first(headers, "x-amz-date");
        if (amzDate == null || !amzDate.startsWith(date)) {
            return new Check(key, region, service, "X-Amz-Date missing or not of the credential's day");
        }
        if (!key.equals(accessKeyId)) {
            return new Check(key, region, service, "signed with access key " + key + ", not " + accessKeyId);
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : m.group(5).split(";")) {
            List<String> values = headers.get(name);
            if (values == null) {
                return new Check(key, region, service, "signed header " + name + " did not arrive");
            }
            canonicalHeaders.append(name).append(':')
                    .append(String.join(",", values.stream().map(v -> v.trim().replaceAll(" +", " ")).toList()))
                    .append('\n');
        }
        String payloadHash = first(headers, "x-amz-content-sha256");
        if (payloadHash == null || payloadHash.startsWith("UNSIGNED")) {
            payloadHash = hex(sha256(body));
        }
        String canonicalRequest = method + '\n' + (path.isEmpty() ? "/" : path) + '\n' + (query == null ? "" : query)
                + '\n' + canonicalHeaders + '\n' + m.group(5) + '\n' + payloadHash;
        String scope = date + '/' + region + '/' + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + '\n' + scope + '\n'
                + hex(sha256(canonicalRequest.getBytes(UTF_8)));
        byte[] signingKey = hmac(hmac(hmac(hmac(("AWS4" + secretKey).getBytes(UTF_8), date), region), service),
                "aws4_request");
        String expected = hex(hmac(signingKey, toSign));
        return new Check(key, region, service, expected.equals(m.group(6)) ? null : "signature does not match");
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
