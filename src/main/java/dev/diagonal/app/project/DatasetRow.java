package dev.diagonal.app.project;

/**
 * One dataset of the open project, as the project screen lists it.
 *
 * @param name   its name in the project
 * @param role   train, val, eval, or test/shift with "(held out)": evaluation only, refused by training
 * @param path   where it is (as resolved)
 * @param status "ok", or what is wrong (e.g. "missing")
 */
public record DatasetRow(String name, String role, String path, String status) {}
