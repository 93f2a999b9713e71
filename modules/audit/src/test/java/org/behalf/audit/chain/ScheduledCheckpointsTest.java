package org.behalf.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.behalf.audit.AuditSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The minute's checkpoints (docs/activity-log.md): a log this node appended to gets a checkpoint of
 * its new head at the next run, and a run after which nothing grew signs nothing. In this package
 * to run the scheduled method now rather than wait a minute for it.
 */
class ScheduledCheckpointsTest extends AuditSlice {

    @Autowired
    private JdbcActivityLog log;

    @Test
    void aLogThatGrewIsCheckpointedAtItsNewHeadAndOnlyOnce() {
        String account = holder;
        append(account, "test.zero");
        log.checkpointGrownLogs();
        List<Long> before = sizes(account);
        for (String action : List.of("test.one", "test.two")) {
            append(account, action);
        }
        long head = jdbc.queryForObject("SELECT MAX(seq) FROM audit_entry WHERE account_id = ?", Long.class, account);

        log.checkpointGrownLogs();
        log.checkpointGrownLogs();

        List<Long> expected = new ArrayList<>(before);
        expected.add(head);
        assertThat(sizes(account)).as("one new checkpoint, at the head").containsExactlyElementsOf(expected);
        assertThat(jdbc.queryForObject("SELECT head_hash FROM audit_checkpoint WHERE account_id = ? AND size = ?", String.class,
                account, head)).isEqualTo(jdbc.queryForObject("SELECT hash FROM audit_entry WHERE account_id = ? AND seq = ?",
                String.class, account, head));
    }

    private List<Long> sizes(String account) {
        return jdbc.queryForList("SELECT size FROM audit_checkpoint WHERE account_id = ? ORDER BY size", Long.class, account);
    }
}
