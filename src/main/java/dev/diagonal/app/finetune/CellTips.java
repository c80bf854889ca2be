package dev.diagonal.app.finetune;

/** The heatmap's tooltip texts, one per cell. */
interface CellTips {

    /** The tooltip of the cell of row {@code row} and column {@code col}. */
    String text(int row, int col);
}
