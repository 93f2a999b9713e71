package org.behalf.events.webhooks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each owner and each subscription has in flight in one lane on this node, and how a claim's
 * due deliveries become runs within those shares (docs/security.md rule 42). A subscription has at
 * most {@code perSubscription} runs in flight, and an owner, however many clients and subscriptions
 * they have, at most {@code perOwner}: black-box testing on 2026-12-06 found one owner's dead receivers
 * holding the whole lane (four streams, or twenty webhooks of one client, each within its own share),
 * and another client's revocation SET 17 to 23 s late, other members' webhooks 53 to 103 s late. An
 * owner's clients share the owner's share, so that making more clients takes no more of the lane.
 * Runs are dealt round the owners, the one with the fewest in flight first, and within an owner's
 * share round its subscriptions, the one with the fewest first, so that an owner (or a subscription)
 * waiting with nothing in flight gets the next free worker ({@link LaneWorkers} claims for them first).
 */
final class LaneShares {

    private final int perSubscription;
    private final int perOwner;
    private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Integer> owners = new ConcurrentHashMap<>();

    LaneShares(int perSubscription, int perOwner) {
        this.perSubscription = perSubscription;
        this.perOwner = perOwner;
    }

    /** Owners with a run in flight here. */
    List<String> sendingOwners() {
        return List.copyOf(owners.keySet());
    }

    /** Subscriptions with a run in flight here. */
    List<String> sendingSubscriptions() {
        return List.copyOf(subscriptions.keySet());
    }

    List<String> fullOwners() {
        return full(owners, perOwner);
    }

    List<String> fullSubscriptions() {
        return full(subscriptions, perSubscription);
    }

    private static List<String> full(Map<String, Integer> inFlight, int share) {
        return inFlight.entrySet().stream().filter(e -> e.getValue() >= share).map(Map.Entry::getKey).toList();
    }

    void started(Delivery first) {
        subscriptions.merge(first.webhookId(), 1, Integer::sum);
        owners.merge(first.ownerId(), 1, Integer::sum);
    }

    void ended(Delivery first) {
        subscriptions.computeIfPresent(first.webhookId(), (id, count) -> count > 1 ? count - 1 : null);
        owners.computeIfPresent(first.ownerId(), (id, count) -> count > 1 ? count - 1 : null);
    }

    /**
     * At most {@code free} runs of up to {@code run} deliveries each from {@code due} (first due
     * first), none past a share: a round gives each owner that may have one more run, fewest in
     * flight first, one run of its subscription with the fewest, until nothing more fits. A
     * subscription's deliveries are dealt round its runs, so that a short backlog goes out in
     * parallel too.
     */
    List<List<Delivery>> plan(List<Delivery> due, int free, int run) {
        Map<String, Map<String, List<Delivery>>> byOwner = new LinkedHashMap<>();
        for (Delivery delivery : due) {
            byOwner.computeIfAbsent(delivery.ownerId(), owner -> new LinkedHashMap<>())
                    .computeIfAbsent(delivery.webhookId(), subscription -> new ArrayList<>()).add(delivery);
        }
        List<String> order = new ArrayList<>(byOwner.keySet());
        order.sort(Comparator.comparingInt(owner -> owners.getOrDefault(owner, 0)));
        Map<String, Integer> newRuns = new LinkedHashMap<>();
        Map<String, Integer> ownerRuns = new LinkedHashMap<>();
        int left = free;
        boolean placed = true;
        while (left > 0 && placed) {
            placed = false;
            for (String owner : order) {
                if (left == 0) {
                    break;
                }
                if (owners.getOrDefault(owner, 0) + ownerRuns.getOrDefault(owner, 0) >= perOwner) {
                    continue;
                }
                String best = null;
                int fewest = Integer.MAX_VALUE;
                for (Map.Entry<String, List<Delivery>> subscription : byOwner.get(owner).entrySet()) {
                    int planned = newRuns.getOrDefault(subscription.getKey(), 0);
                    int inFlight = subscriptions.getOrDefault(subscription.getKey(), 0) + planned;
                    if (inFlight < perSubscription && subscription.getValue().size() > planned && inFlight < fewest) {
                        best = subscription.getKey();
                        fewest = inFlight;
                    }
                }
                if (best != null) {
                    newRuns.merge(best, 1, Integer::sum);
                    ownerRuns.merge(owner, 1, Integer::sum);
                    left--;
                    placed = true;
                }
            }
        }
        List<List<Delivery>> runs = new ArrayList<>();
        for (Map<String, List<Delivery>> ofOwner : byOwner.values()) {
            for (Map.Entry<String, List<Delivery>> subscription : ofOwner.entrySet()) {
                int count = newRuns.getOrDefault(subscription.getKey(), 0);
                if (count == 0) {
                    continue;
                }
                List<List<Delivery>> split = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    split.add(new ArrayList<>());
                }
                List<Delivery> rows = subscription.getValue();
                for (int i = 0; i < Math.min(rows.size(), count * run); i++) {
                    split.get(i % count).add(rows.get(i));
                }
                runs.addAll(split);
            }
        }
        return runs;
    }

    /** {@code first} then those of {@code more} not in it, in order: the rows of two claims of one transaction. */
    static List<Delivery> union(List<Delivery> first, List<Delivery> more) {
        Set<String> seen = new HashSet<>();
        List<Delivery> all = new ArrayList<>();
        for (List<Delivery> part : List.of(first, more)) {
            for (Delivery delivery : part) {
                if (seen.add(delivery.id())) {
                    all.add(delivery);
                }
            }
        }
        return all;
    }
}
