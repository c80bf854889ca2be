package dev.diagonal.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The demo's measures on one image set, as fractions: the name of each image found among all emoji
 * names (top-1, top-5), and its subcategory among all subcategories (top-1, top-5).
 *
 * @param images how many images were scored
 */
@JsonPropertyOrder({"images", "name_top1", "name_top5", "subcategory_top1", "subcategory_top5"})
public record SetScores(int images, @JsonProperty("name_top1") double nameTop1, @JsonProperty("name_top5") double nameTop5,
        @JsonProperty("subcategory_top1") double subcategoryTop1,
        @JsonProperty("subcategory_top5") double subcategoryTop5) {}
