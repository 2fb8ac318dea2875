package dev.netwright.designer.template;

import dev.netwright.designer.model.Design;

/**
 * A ready-made design for the gallery.
 *
 * @param id          stable identifier (file name when written)
 * @param title       what the gallery shows
 * @param description what it is for
 * @param dataset     the built-in dataset it is meant to train on, or the kind of user data it is for
 * @param design      the design itself
 */
public record Template(String id, String title, String description, String dataset, Design design) {
}
