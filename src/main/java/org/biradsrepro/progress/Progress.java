package org.biradsrepro.progress;

import java.util.List;

/**
 * Where a run reports how far it is. Implementations must accept {@link Stage#advance} from several threads at once
 * (decoding runs on all cores) and must never throw: a display cannot be a reason for a run to fail.
 */
public interface Progress {

    /**
     * A stage begins.
     *
     * @param subject what it works on, e.g. a backbone id, or "" when the kind says it all
     * @param total images it will process, 0 when unknown
     */
    Stage start(StageKind kind, String subject, long total);

    /** One running stage; closing it ends it (the bar stays on screen, the clock stops). */
    interface Stage extends AutoCloseable {

        /** {@code images} more are done. */
        void advance(long images);

        /** What the stage is at, shown beside the count, e.g. "split 2 · epoch 14/200 · loss 0.8123". */
        void status(String text);

        @Override
        void close();
    }

    /** Shows and records nothing: tests, and {@code repro.progress=off} (the clock still runs). */
    Progress NONE = (kind, subject, total) -> new Stage() {
        @Override public void advance(long images) {}
        @Override public void status(String text) {}
        @Override public void close() {}
    };

    /** Reports to every one of {@code targets}, in order. */
    static Progress all(Progress... targets) {
        List<Progress> list = List.of(targets);
        return (kind, subject, total) -> {
            List<Stage> stages = list.stream().map(p -> p.start(kind, subject, total)).toList();
            return new Stage() {
                @Override public void advance(long images) {
                    stages.forEach(s -> s.advance(images));
                }

                @Override public void status(String text) {
                    stages.forEach(s -> s.status(text));
                }

                @Override public void close() {
                    stages.forEach(Stage::close);
                }
            };
        };
    }

    /** How a stage is named on screen: "decode", "features mobilenetv3". */
    static String label(StageKind kind, String subject) {
        return subject.isEmpty() ? kind.id() : kind.id() + " " + subject;
    }
}
