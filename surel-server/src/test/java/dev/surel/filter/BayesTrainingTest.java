package dev.surel.filter;

import static dev.surel.filter.BayesTraining.Lesson.HAM;
import static dev.surel.filter.BayesTraining.Lesson.NONE;
import static dev.surel.filter.BayesTraining.Lesson.SPAM;
import static dev.surel.filter.BayesTraining.Role.JUNK;
import static dev.surel.filter.BayesTraining.Role.OTHER;
import static dev.surel.filter.BayesTraining.Role.TRASH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.store.MailboxInfo;
import dev.surel.store.SpecialUse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which transfers teach what, and which mailbox is Junk or Trash (the end-to-end part: {@link BayesEndToEndTest}). */
class BayesTrainingTest {

    @Test
    void intoJunkIsSpamOutOfJunkByMoveIsHamUnlessIntoTrash() {
        assertThat(BayesTraining.lesson(true, OTHER, JUNK)).isEqualTo(SPAM);
        assertThat(BayesTraining.lesson(false, OTHER, JUNK)).isEqualTo(SPAM);
        assertThat(BayesTraining.lesson(true, TRASH, JUNK)).isEqualTo(SPAM);
        assertThat(BayesTraining.lesson(true, JUNK, JUNK)).isEqualTo(NONE);
        assertThat(BayesTraining.lesson(true, JUNK, OTHER)).isEqualTo(HAM);
        assertThat(BayesTraining.lesson(false, JUNK, OTHER)).as("a copy leaves it in Junk").isEqualTo(NONE);
        assertThat(BayesTraining.lesson(true, JUNK, TRASH)).isEqualTo(NONE);
        assertThat(BayesTraining.lesson(true, OTHER, OTHER)).isEqualTo(NONE);
        assertThat(BayesTraining.lesson(true, OTHER, TRASH)).isEqualTo(NONE);
    }

    static MailboxInfo box(long id, String name, SpecialUse use) {
        return new MailboxInfo(id, name, use, 1, 1, 1, 0, 0, 0, 0, 0, 1);
    }

    @Test
    void theSpecialUseAttributeWinsOverTheName() {
        List<MailboxInfo> boxes = List.of(box(1, "INBOX", null), box(2, "Junk", null), box(3, "Spam", SpecialUse.JUNK),
                box(4, "Trash", null), box(5, "Bin", SpecialUse.TRASH));
        assertThat(BayesTraining.role(boxes, 3)).isEqualTo(JUNK);
        assertThat(BayesTraining.role(boxes, 2)).isEqualTo(OTHER);
        assertThat(BayesTraining.role(boxes, 5)).isEqualTo(TRASH);
        assertThat(BayesTraining.role(boxes, 4)).isEqualTo(OTHER);
        List<MailboxInfo> byName = List.of(box(1, "INBOX", null), box(2, "Junk", null), box(4, "Trash", null));
        assertThat(BayesTraining.role(byName, 2)).isEqualTo(JUNK);
        assertThat(BayesTraining.role(byName, 4)).isEqualTo(TRASH);
        assertThat(BayesTraining.role(byName, 1)).isEqualTo(OTHER);
    }
}
