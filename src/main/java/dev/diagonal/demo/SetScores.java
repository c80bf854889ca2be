package dev.diagonal.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The demo's measures on one image set, as fractions: the name of each image found among all emoji
 * names (top-1, top-5), and its subcategory among all subcategories (top-1, top-5).
 *
 * Also how often the top-1 name is one of the adaptation set's names, right or wrong: a fine-tuning whose
 * batches make Twitter images negatives of the other names can pull the guesses towards the names it saw.
 *
 * @param images how many images were scored
 * @param adaptationNameGuesses the share of images whose top-1 name is an adaptation concept's
 */
@JsonPropertyOrder({"images", "name_top1", "name_top5", "subcategory_top1", "subcategory_top5", "guessed_adaptation_name"})
public record SetScores(int images, @JsonProperty("name_top1") double nameTop1, @JsonProperty("name_top5") double nameTop5,
        @JsonProperty("subcategory_top1") double subcategoryTop1,
        @JsonProperty("subcategory_top5") double subcategoryTop5,
        @JsonProperty("guessed_adaptation_name") double adaptationNameGuesses) {}
