/** JavaFX components of ECG Workbench. They know records and signals, not training internals. */
package org.ecgworkbench.views;
