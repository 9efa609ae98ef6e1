package org.biradsrepro.config;

/**
 * One shard of the backbone x split cells ({@code repro.shard=i/n}, 1-based): which part of the matrix this
 * process runs. {@code all} (1/1) is the whole matrix. Which cells a shard holds is decided by the experiment's
 * shard plan, from the cells' expected costs, identically in every process that has the same configuration.
 *
 * @param index 1-based shard number, from 1 to {@code count}
 * @param count how many shards the matrix is cut into
 */
public record Shard(int index, int count) {

    /** The whole matrix in one process. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new InvalidSettingException("repro.shard", index + "/" + count,
                    "i/n with 1 <= i <= n (1-based; a Kubernetes JOB_COMPLETION_INDEX k is shard k+1), or all");
        }
    }

    /** {@code all}, or {@code i/n} with {@code 1 <= i <= n}. */
    public static Shard parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("all")) {
            return ALL;
        }
        int slash = t.indexOf('/');
        try {
            if (slash > 0) {
                return new Shard(Integer.parseInt(t.substring(0, slash).trim()), Integer.parseInt(t.substring(slash + 1).trim()));
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new InvalidSettingException("repro.shard", text,
                "i/n with 1 <= i <= n (1-based; a Kubernetes JOB_COMPLETION_INDEX k is shard k+1), or all");
    }

    /** Whether this is the whole matrix. */
    public boolean whole() {
        return count == 1;
    }

    /** {@code all} or {@code i/n}: the text that parses back to it. */
    public String id() {
        return whole() ? "all" : index + "/" + count;
    }
}
