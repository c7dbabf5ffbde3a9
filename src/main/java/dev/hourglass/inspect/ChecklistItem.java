package dev.hourglass.inspect;

/** One item of the course's Day 2 checklist: ticked only when its check ran and passed. */
public record ChecklistItem(String item, boolean done, String evidence) {
}
