/** Bootstrap-class-path part of the agent: only dependency-free types that inlined advice must see. */
package dev.llmcost.bootstrap;
