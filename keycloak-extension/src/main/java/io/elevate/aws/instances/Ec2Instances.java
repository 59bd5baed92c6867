package io.elevate.aws.instances;

import io.elevate.aws.client.AwsClients;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Instance tags from EC2's {@code DescribeInstances}: by id, or by {@code tag:<key>} filters. Needs
 * {@code ec2:DescribeInstances} for the server's credentials. Throttling is retried by the SDK (standard strategy).
 */
public final class Ec2Instances implements InstanceDirectory {

    /** The states an instance can be requested in; terminated instances are never listed. */
    static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped");

    private final AwsClients clients;

    public Ec2Instances(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<Instance> find(String region, String instanceId) {
        Queries.checkInstanceId(instanceId);
        try {
            return clients.ec2(region).describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                    .flatMap(reservation -> instances(reservation).stream())
                    .filter(i -> i.instanceId().equals(instanceId) && !i.terminated()).findFirst();
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && "InvalidInstanceID.NotFound".equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw InstanceLookupException.of("ec2:DescribeInstances", region, e);
        } catch (RuntimeException e) {
            throw InstanceLookupException.of("ec2:DescribeInstances", region, e);
        }
    }

    @Override
    public List<Instance> list(String region, Map<String, String> tagFilter, int limit) {
        Queries.checkFilter(tagFilter);
        List<Filter> filters = new ArrayList<>();
        tagFilter.forEach((key, value) -> filters.add(Filter.builder().name("tag:" + key).values(value).build()));
        filters.add(Filter.builder().name("instance-state-name").values(LIVE_STATES).build());
        DescribeInstancesRequest request = DescribeInstancesRequest.builder().filters(filters)
                .maxResults(Math.max(5, Math.min(1000, limit))).build();
        List<Instance> found = new ArrayList<>();
        try {
            for (var page : clients.ec2(region).describeInstancesPaginator(request)) {
                page.reservations().forEach(reservation -> found.addAll(instances(reservation)));
                if (found.size() >= limit) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            throw InstanceLookupException.of("ec2:DescribeInstances", region, e);
        }
        // EC2 filtered already; checked again so that a filter AWS read differently never widens the list
        return found.stream().filter(i -> !i.terminated() && i.matches(tagFilter))
                .sorted(Comparator.comparing(Instance::instanceId)).limit(limit).toList();
    }

    private static List<Instance> instances(Reservation reservation) {
        return reservation.instances().stream().map(i -> {
            Map<String, String> tags = new LinkedHashMap<>();
            for (Tag tag : i.tags()) {
                tags.put(tag.key(), tag.value() == null ? "" : tag.value());
            }
            return new Instance(i.instanceId(), i.state() == null ? null : i.state().nameAsString(), tags);
        }).toList();
    }
}
