package org.unsc.portal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.cloud.ZkTestServer;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A development SolrCloud on loopback: an embedded ZooKeeper, {@code nodes} Solr nodes on
 * consecutive ports from {@code port}, and one collection made from the repository's configset.
 *
 * <p>Every start is a fresh cluster (the work directory is wiped): the portal's index is rebuilt
 * from PostgreSQL, so nothing is lost. Prints {@code SOLR_URL}, {@code ZK_HOST} and {@code READY}
 * lines on stdout once the collection is active, then runs until the process is killed.
 *
 * <p>Settings (system properties): solr.cluster.dir, solr.cluster.configset (required),
 * solr.cluster.port (8983), solr.cluster.zkPort (port + 1000), solr.cluster.nodes (2),
 * solr.cluster.collection (statements), solr.cluster.shards (2), solr.cluster.replicas (2).
 */
public final class SolrCluster {
  private static final String CONFIG_NAME = "statements";

  private SolrCluster() {}

  public static void main(String[] args) {
    try {
      run();
    } catch (Throwable e) {
      // Jetty's threads would keep a half-started cluster alive: stop it (shutdown hook) and say why.
      System.err.println("solr cluster: failed to start: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void run() throws Exception {
    Path dir = Path.of(System.getProperty("solr.cluster.dir", "var/solr/cluster")).toAbsolutePath();
    Path configset = Path.of(required("solr.cluster.configset")).toAbsolutePath();
    int port = Integer.getInteger("solr.cluster.port", 8983);
    int zkPort = Integer.getInteger("solr.cluster.zkPort", port + 1000);
    int nodes = Integer.getInteger("solr.cluster.nodes", 2);
    String collection = System.getProperty("solr.cluster.collection", "statements");
    int shards = Integer.getInteger("solr.cluster.shards", 2);
    int replicas = Integer.getInteger("solr.cluster.replicas", 2);
    if (!Files.isRegularFile(configset.resolve("solrconfig.xml"))) {
      throw new IllegalArgumentException("no solrconfig.xml in configset " + configset);
    }

    wipe(dir);
    ZkTestServer zk = new ZkTestServer(dir.resolve("zookeeper/server1/data"), zkPort);
    zk.run();
    MiniSolrCloudCluster cluster =
        new MiniSolrCloudCluster(
            0, dir, MiniSolrCloudCluster.DEFAULT_CLOUD_SOLR_XML, JettyConfig.builder().build(), zk, false);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(cluster, zk), "solr-cluster-stop"));

    List<String> urls = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      JettySolrRunner node =
          cluster.startJettySolrRunner(
              "node" + (i + 1), "/solr", JettyConfig.builder().setPort(port + i).build());
      urls.add(node.getBaseUrl().toString());
    }
    cluster.waitForAllNodes(60);
    cluster.uploadConfigSet(configset, CONFIG_NAME);
    CollectionAdminRequest.createCollection(collection, CONFIG_NAME, shards, replicas)
        .process(cluster.getSolrClient());
    cluster.waitForActiveCollection(collection, 120, TimeUnit.SECONDS, shards, shards * replicas);

    for (String url : urls) {
      System.out.println("SOLR_URL " + url);
    }
    System.out.println("ZK_HOST " + zk.getZkAddress());
    System.out.println("COLLECTION " + collection);
    System.out.println("READY");
    System.out.flush();
    Thread.currentThread().join();
  }

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("system property " + name + " is required");
    }
    return value;
  }

  private static void wipe(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(path);
        }
      }
    }
    Files.createDirectories(dir);
  }

  private static void stop(MiniSolrCloudCluster cluster, ZkTestServer zk) {
    try {
      cluster.shutdown();
    } catch (Exception e) {
      System.err.println("solr cluster: error stopping Solr nodes: " + e);
    }
    try {
      zk.shutdown();
    } catch (Exception e) {
      System.err.println("solr cluster: error stopping ZooKeeper: " + e);
    }
  }
}
