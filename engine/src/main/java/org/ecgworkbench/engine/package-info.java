/** All computation of ECG Workbench: records, filters, detectors, datasets and training. No JavaFX here. */
package org.ecgworkbench.engine;
