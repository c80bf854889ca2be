package dev.diagonal.project;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One dataset of a project.
 *
 * @param name unique name within the project
 * @param path manifest file or folder; relative to the project folder when inside it, else absolute
 * @param role what the dataset is used for
 */
@JsonPropertyOrder({"name", "path", "role"})
public record DatasetEntry(String name, String path, DatasetRole role) {}
