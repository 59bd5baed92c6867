package io.elevate.aws.iam;

import io.elevate.aws.iam.PolicySimulator.Decision;
import io.elevate.aws.iam.PolicySimulator.Request;
import io.elevate.aws.policy.RevocationPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.elevate.aws.iam.PolicySimulator.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A role's revocation policy when its revoked ids outgrow IAM's limit")
class RevocationOverflowTest {

    private static final Instant LATEST = Instant.parse("2026-12-05T09:30:00.250Z");
    private static final JsonNode ALLOW_ANYTHING = json("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""");

    @Test
    @DisplayName("given ids that fit, then the policy names them and stops only their sessions")
    void idsThatFit() {
        List<String> ids = ids(10);
        String document = RevocationPolicy.compact(3, ids, LATEST).orElseThrow();

        assertThat(RevocationPolicy.fits(3, ids)).isTrue();
        assertThat(document).contains(ids.get(0)).doesNotContain("TokenIssueTime");
        assertThat(evaluate(session(ids.get(3), "2026-12-05T09:00:00Z"), ALLOW_ANYTHING, json(document)))
                .isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(evaluate(session(UUID.randomUUID().toString(), "2026-12-05T09:00:00Z"), ALLOW_ANYTHING,
                json(document))).isEqualTo(Decision.ALLOW);
    }

    @Test
    @DisplayName("given more ids than fit, then it fails closed: every session issued before the latest revoke (and"
            + " the sign-ins under way then) is denied, later ones are not, and the document fits")
    void idsThatDoNotFit() {
        List<String> ids = ids(200);
        String document = RevocationPolicy.compact(3, ids, LATEST).orElseThrow();

        assertThat(RevocationPolicy.fits(3, ids)).isFalse();
        assertThat(document.length()).isLessThanOrEqualTo(RevocationPolicy.MAX_CHARACTERS);
        assertThat(evaluate(session(ids.get(150), "2026-12-05T09:00:00Z"), ALLOW_ANYTHING, json(document)))
                .as("a revoked window's session").isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(evaluate(session(ids.get(0), "2026-12-05T09:34:59Z"), ALLOW_ANYTHING, json(document)))
                .as("a sign-in under way at the revoke").isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(evaluate(session(ids.get(0), "2026-12-05T09:35:00Z"), ALLOW_ANYTHING, json(document)))
                .as("the second the margin ends in, rounded up").isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(evaluate(session(UUID.randomUUID().toString(), "2026-12-05T09:35:01Z"), ALLOW_ANYTHING,
                json(document))).as("a session issued after the margin").isEqualTo(Decision.ALLOW);
    }

    private static Request session(String elevationId, String issued) {
        return new Request("ssm:StartSession", "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0",
                Map.of("aws:PrincipalTag/ElevationId", elevationId, "aws:TokenIssueTime", issued));
    }

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> UUID.randomUUID().toString()).toList();
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
