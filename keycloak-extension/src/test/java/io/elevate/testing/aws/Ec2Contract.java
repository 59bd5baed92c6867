package io.elevate.testing.aws;

import io.elevate.testing.aws.AwsContractServer.Protocol;
import io.elevate.testing.aws.AwsContractServer.Reply;
import io.elevate.testing.aws.AwsContractServer.Request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * EC2's {@code DescribeInstances} as the {@link AwsContractServer} serves it, shaped as the EC2 API reference shows
 * ({@code DescribeInstancesResponse/reservationSet/item/instancesSet/item} with {@code instanceState} and
 * {@code tagSet}): by {@code InstanceId.N} (an unknown id is {@code InvalidInstanceID.NotFound}, as EC2 answers) or by
 * {@code Filter.N.Name}/{@code Filter.N.Value.M} ({@code tag:<key>}, {@code instance-state-name}). Requests of another
 * API version are refused.
 */
public final class Ec2Contract implements AwsContractServer.Handler {

    public static final String VERSION = "2016-11-15";

    /** An instance EC2 knows. */
    public record Ec2Instance(String instanceId, String state, Map<String, String> tags) {
    }

    private final Map<String, Ec2Instance> instances = new ConcurrentSkipListMap<>();

    /** Serves EC2 on {@code server}. */
    public static Ec2Contract on(AwsContractServer server) {
        Ec2Contract ec2 = new Ec2Contract();
        server.serve("ec2", ec2);
        return ec2;
    }

    /** Launches (or retags) an instance. */
    public Ec2Contract instance(String instanceId, String state, Map<String, String> tags) {
        instances.put(instanceId, new Ec2Instance(instanceId, state, new LinkedHashMap<>(tags)));
        return this;
    }

    @Override
    public Protocol protocol() {
        return Protocol.EC2;
    }

    @Override
    public Reply handle(Request request) {
        if (!"DescribeInstances".equals(request.action())) {
            return Reply.error(Protocol.EC2, 400, "InvalidAction", "The action " + request.action() + " is not valid");
        }
        if (!VERSION.equals(request.param("Version"))) {
            return Reply.error(Protocol.EC2, 400, "InvalidParameterValue", "Version must be " + VERSION);
        }
        List<String> ids = request.params("InstanceId.");
        String maxResults = request.param("MaxResults");
        if (maxResults != null && !ids.isEmpty()) {
            return Reply.error(Protocol.EC2, 400, "InvalidParameterCombination",
                    "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        if (maxResults != null && (Integer.parseInt(maxResults) < 5 || Integer.parseInt(maxResults) > 1000)) {
            return Reply.error(Protocol.EC2, 400, "InvalidParameterValue", "MaxResults must be 5 to 1000");
        }
        List<Ec2Instance> found = new ArrayList<>();
        if (!ids.isEmpty()) {
            for (String id : ids) {
                Ec2Instance instance = instances.get(id);
                if (instance == null) {
                    return Reply.error(Protocol.EC2, 400, "InvalidInstanceID.NotFound",
                            "The instance ID '" + id + "' does not exist");
                }
                found.add(instance);
            }
        } else {
            found.addAll(instances.values());
        }
        for (int n = 1; request.param("Filter." + n + ".Name") != null; n++) {
            String name = request.param("Filter." + n + ".Name");
            List<String> values = request.params("Filter." + n + ".Value.");
            if (name.startsWith("tag:")) {
                String key = name.substring(4);
                found.removeIf(i -> !values.contains(i.tags().get(key)));
            } else if (name.equals("instance-state-name")) {
                found.removeIf(i -> !values.contains(i.state()));
            } else {
                return Reply.error(Protocol.EC2, 400, "InvalidParameterValue", "The filter '" + name + "' is invalid");
            }
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/" + VERSION + "/\">"
                + "<requestId>" + UUID.randomUUID() + "</requestId><reservationSet>");
        for (Ec2Instance instance : found) {
            xml.append("<item><reservationId>r-").append(instance.instanceId().substring(2))
                    .append("</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet><item>")
                    .append("<instanceId>").append(instance.instanceId()).append("</instanceId>")
                    .append("<imageId>ami-0abcdef1234567890</imageId>")
                    .append("<instanceState><code>").append(code(instance.state())).append("</code><name>")
                    .append(instance.state()).append("</name></instanceState>")
                    .append("<instanceType>t3.micro</instanceType><tagSet>");
            instance.tags().forEach((key, value) -> xml.append("<item><key>").append(AwsContractServer.escape(key))
                    .append("</key><value>").append(AwsContractServer.escape(value)).append("</value></item>"));
            xml.append("</tagSet></item></instancesSet></item>");
        }
        xml.append("</reservationSet></DescribeInstancesResponse>");
        return Reply.xml(xml.toString());
    }

    private static int code(String state) {
        return switch (state) {
            case "pending" -> 0;
            case "running" -> 16;
            case "shutting-down" -> 32;
            case "terminated" -> 48;
            case "stopping" -> 64;
            default -> 80;
        };
    }
}
