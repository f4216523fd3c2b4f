package org.unsc.portal;

import org.apache.lucene.search.similarities.BasicStats;
import org.apache.lucene.search.similarities.SimilarityBase;

/**
 * BM25 as Whoosh scores it ({@code whoosh.scoring.BM25F}), so the portal ranks alike on both
 * engines: Whoosh's idf, {@code ln(N / (df + 1)) + 1}, which keeps a common word worth about
 * one where Lucene's BM25 makes it worth almost nothing, and the {@code (k1 + 1)} factor Lucene
 * dropped, which puts a text match on the scale of the portal's constant boosts (a State's own
 * statements get 3, a speaker's 50: statements/search/query.py).
 */
public final class WhooshBM25Similarity extends SimilarityBase {
  private final double k1;
  private final double b;

  public WhooshBM25Similarity(double k1, double b) {
    this.k1 = k1;
    this.b = b;
  }

  @Override
  protected double score(BasicStats stats, double freq, double docLen) {
    double idf = Math.log(stats.getNumberOfDocuments() / (stats.getDocFreq() + 1.0)) + 1.0;
    double norm = k1 * ((1 - b) + b * docLen / stats.getAvgFieldLength());
    return stats.getBoost() * idf * freq * (k1 + 1) / (freq + norm);
  }

  @Override
  public String toString() {
    return "WhooshBM25(k1=" + k1 + ",b=" + b + ")";
  }
}
