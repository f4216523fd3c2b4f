package org.unsc.portal;

import org.apache.lucene.search.similarities.Similarity;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.schema.SimilarityFactory;

/** {@link WhooshBM25Similarity} for a schema: {@code <similarity class="org.unsc.portal.WhooshBM25SimilarityFactory">}. */
public final class WhooshBM25SimilarityFactory extends SimilarityFactory {
  private double k1 = 1.2;
  private double b = 0.75;

  @Override
  public void init(SolrParams params) {
    super.init(params);
    k1 = params.getFloat("k1", 1.2f);
    b = params.getFloat("b", 0.75f);
  }

  @Override
  public Similarity getSimilarity() {
    return new WhooshBM25Similarity(k1, b);
  }
}
