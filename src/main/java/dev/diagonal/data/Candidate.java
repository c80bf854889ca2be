package dev.diagonal.data;

/**
 * A row that passed the text checks and waits for its image check.
 *
 * @param line the manifest line, or 0 for an ImageFolder
 * @param sample the sample it becomes if its image is usable
 */
record Candidate(int line, Sample sample) {}
