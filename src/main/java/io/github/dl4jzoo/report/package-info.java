/**
 * Results to files a person wants to look at. {@link io.github.dl4jzoo.report.RunReport} writes one run's folder
 * ({@code metrics.json}, {@code timing.json}, {@code history.csv}, {@code learning-curves.png});
 * {@link io.github.dl4jzoo.report.ComparisonReport} writes a comparison ({@code results.csv}, {@code results.json},
 * {@code report.md}, a self-contained {@code report.html} and the plots as PNGs). Uses the records of {@code train};
 * nothing here knows about the command line.
 */
package io.github.dl4jzoo.report;
