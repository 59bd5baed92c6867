package io.elevate.aws.iam;

import io.elevate.Arns;
import io.elevate.AwsPartition;
import io.elevate.workflow.ElevationPolicy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One IAM role that a realm's elevation policies grant, gathered from every policy naming that account and role.
 *
 * @param samlProviders the IAM SAML providers those policies sign in through (each one is trusted)
 * @param tagKeySets    the distinct sets of ABAC tag keys of those policies, each in the order a policy gives them;
 *                      the permission policy has statements for each set
 * @param clientIds     the AWS SAML clients of those policies, whose mappers say how many slots a sign-in has
 * @param policyNames   the policies, for people reading the artifacts
 * @param partition     the partition of the policies' region, which every ARN of the role's documents names
 */
public record RoleTarget(String accountId, String roleName, List<String> samlProviders, List<List<String>> tagKeySets,
                         List<String> clientIds, List<String> policyNames, AwsPartition partition) {

    public RoleTarget {
        samlProviders = List.copyOf(samlProviders);
        tagKeySets = tagKeySets.stream().map(List::copyOf).toList();
        clientIds = List.copyOf(clientIds);
        policyNames = List.copyOf(policyNames);
    }

    /** The roles of these policies, one per account and role name, ordered by role ARN. */
    public static List<RoleTarget> of(List<ElevationPolicy> policies) {
        Map<String, List<ElevationPolicy>> byRole = new LinkedHashMap<>();
        for (ElevationPolicy policy : policies) {
            byRole.computeIfAbsent(Arns.role(AwsPartition.forRegion(policy.region()), policy.accountId(),
                    policy.roleName()), k -> new ArrayList<>()).add(policy);
        }
        return byRole.values().stream().map(RoleTarget::gather)
                .sorted(Comparator.comparing(RoleTarget::roleArn)).toList();
    }

    private static RoleTarget gather(List<ElevationPolicy> policies) {
        ElevationPolicy first = policies.get(0);
        List<String> providers = new ArrayList<>();
        List<List<String>> keySets = new ArrayList<>();
        List<Set<String>> seenKeySets = new ArrayList<>();
        List<String> clients = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ElevationPolicy policy : policies) {
            addOnce(providers, policy.samlProvider());
            addOnce(clients, policy.clientId());
            names.add(policy.name());
            Set<String> keys = caseInsensitive(policy.tags().keySet());
            if (!seenKeySets.contains(keys)) {
                seenKeySets.add(keys);
                keySets.add(List.copyOf(policy.tags().keySet()));
            }
        }
        return new RoleTarget(first.accountId(), first.roleName(), providers, keySets, clients, names,
                AwsPartition.forRegion(first.region()));
    }

    public String roleArn() {
        return Arns.role(partition, accountId, roleName);
    }

    public List<String> samlProviderArns() {
        return samlProviders.stream().map(p -> Arns.samlProvider(partition, accountId, p)).toList();
    }

    /** An ARN in the role's partition. */
    String arn(String service, String region, String account, String resource) {
        return Arns.of(partition, service, region, account, resource);
    }

    /** Every tag key of every policy of this role; AWS compares tag keys ignoring case. */
    public Set<String> allTagKeys() {
        return caseInsensitive(tagKeySets.stream().flatMap(List::stream).toList());
    }

    static Set<String> caseInsensitive(Collection<String> keys) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(keys);
        return set;
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}
