package org.behalf.audit.chain;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The accounts whose logs this node appended to since its last scheduled checkpoints: the node
 * that wrote an entry signs the checkpoint that covers it, without a search of the entries.
 */
@Component
public class GrownLogs {

    private final Set<String> accounts = ConcurrentHashMap.newKeySet();

    void grew(String account) {
        accounts.add(account);
    }

    /** The accounts noted so far, forgotten here. */
    Set<String> take() {
        Set<String> taken = new HashSet<>();
        for (String account : accounts) {
            if (accounts.remove(account)) {
                taken.add(account);
            }
        }
        return taken;
    }
}
