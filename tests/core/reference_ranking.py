"""The paper's ranking (steps 2-3 of Salient ImageNet) computed with NumPy from reference features, for the
tests that compare the program's index with PyTorch."""
import numpy as np


def paper_ranking(features, predictions, labels, weights, features_per_class=5, top_predicted=5,
                  top_labelled=65):
    """Per class: the top features by importance (mean over the images predicted as the class of their
    features, times the class's fc row), each with its top predicted and top labelled images (indices,
    highest activation first, ties by index). Unreadable images have prediction -1."""
    readable = predictions >= 0

    def top(candidates, j, count):
        order = sorted(candidates, key=lambda i: (-features[i, j], i))
        return [int(i) for i in order[:count]]

    ranking = {}
    for c in range(weights.shape[0]):
        predicted = np.where(predictions == c)[0]
        if len(predicted) == 0:
            ranking[c] = []
            continue
        labelled = np.where(readable & (labels == c))[0]
        importance = features[predicted].mean(axis=0) * weights[c]
        best = sorted(range(features.shape[1]), key=lambda j: (-importance[j], j))[:features_per_class]
        ranking[c] = [{"feature": j, "importance": float(importance[j]),
                       "top_predicted": top(predicted, j, top_predicted),
                       "top_labelled": top(labelled, j, top_labelled)} for j in best]
    return ranking
